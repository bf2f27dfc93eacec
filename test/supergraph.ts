import { createGateway, type CampusGateway } from '../gateway/app';
import { SUBGRAPH_FACTORIES } from '../scripts/subgraph-factories';
import type { CampusConfig } from '../subgraphs/shared/config';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { SUBGRAPH_NAMES, envPrefix } from '../subgraphs/shared/topology';
import type { Result } from './helpers';
import { testConfig, testLog } from './helpers';

export interface RunningSupergraph {
  config: CampusConfig;
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  gateway: CampusGateway;
  subgraphs: RunnableSubgraph[];
  stop(): Promise<void>;
}

/**
 * The whole supergraph on free ports: five subgraphs (migrated and seeded) and the gateway,
 * reading the committed schema/supergraph.graphql with URL overrides, as a deployment would.
 */
export async function startSupergraph(): Promise<RunningSupergraph> {
  const base = await testConfig();
  const subgraphs = SUBGRAPH_NAMES.map((name) => SUBGRAPH_FACTORIES[name](base, testLog));
  const subgraphUrls: Record<string, string> = {};
  await Promise.all(
    subgraphs.map(async (subgraph) => {
      await subgraph.start({ seed: true });
      subgraphUrls[subgraph.name] = await subgraph.listen(0);
    }),
  );
  const config: CampusConfig = {
    ...base,
    subgraphUrlOverrides: Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, url]) => [envPrefix(name), url]),
    ),
  };
  const gateway = createGateway(config, testLog);
  await gateway.start();
  const gatewayUrl = await gateway.listen(0);
  return {
    config,
    gatewayUrl,
    subgraphUrls,
    gateway,
    subgraphs,
    async stop() {
      await gateway.stop();
      await Promise.all(subgraphs.map((s) => s.stop()));
    },
  };
}

/** POSTs a GraphQL operation over HTTP, as a frontend would. */
export async function postGraphQL<D = Record<string, unknown>>(
  url: string,
  query: string,
  options: {
    variables?: Record<string, unknown>;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: Result<D> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: response.status, body: (await response.json()) as Result<D> };
}
