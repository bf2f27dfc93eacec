import { createGateway, type CampusGateway } from '../gateway/app';
import type { CampusConfig } from '../subgraphs/shared/config';
import type { Logger } from '../subgraphs/shared/logger';
import { TRACE_ID_RESPONSE_HEADER } from '../subgraphs/shared/observability/trace-context';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { SUBGRAPH_NAMES, envPrefix } from '../subgraphs/shared/topology';
import { SUBGRAPH_FACTORIES, startAndSeed } from './subgraph-factories';

export interface InProcessSupergraph {
  config: CampusConfig;
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  gateway: CampusGateway;
  subgraphs: RunnableSubgraph[];
  stop(): Promise<void>;
}

/**
 * The whole supergraph on free ports in this process: five subgraphs (migrated and seeded)
 * and the gateway, reading the committed supergraph with URL overrides, as a deployment
 * would. Tests and the benchmark use it; `npm start` listens on the contract's ports instead.
 */
export async function startInProcessSupergraph(
  base: CampusConfig,
  log: Logger,
): Promise<InProcessSupergraph> {
  const subgraphs = SUBGRAPH_NAMES.map((name) => SUBGRAPH_FACTORIES[name](base, log));
  const subgraphUrls: Record<string, string> = {};
  await startAndSeed(subgraphs, true);
  await Promise.all(
    subgraphs.map(async (subgraph) => {
      subgraphUrls[subgraph.name] = await subgraph.listen(0);
    }),
  );
  const config: CampusConfig = {
    ...base,
    subgraphUrlOverrides: Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, url]) => [envPrefix(name), url]),
    ),
  };
  const gateway = createGateway(config, log);
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

export interface GraphQLResponse<D> {
  data?: D | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * POSTs a GraphQL operation over HTTP, as a frontend would; `traceId` is the answer's
 * `x-trace-id`.
 */
export async function postGraphQL<D = Record<string, unknown>>(
  url: string,
  query: string,
  options: {
    variables?: Record<string, unknown>;
    token?: string;
    headers?: Record<string, string>;
    extensions?: Record<string, unknown>;
  } = {},
): Promise<{ status: number; traceId: string | null; body: GraphQLResponse<D> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables, extensions: options.extensions }),
  });
  return {
    status: response.status,
    traceId: response.headers.get(TRACE_ID_RESPONSE_HEADER),
    body: (await response.json()) as GraphQLResponse<D>,
  };
}
