import http from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createGateway } from '../../gateway/app';
import type { GatewayContext } from '../../gateway/viewer';
import { loadConfig } from '../../subgraphs/shared/config';
import { rootLogger } from '../../subgraphs/shared/logger';
import type { SubgraphService } from '../../subgraphs/shared/server';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/shared/topology';
import { SUBGRAPH_BUILDERS } from '../subgraph-factories';

/**
 * Topology B, the lower bound of the federated design: the gateway executes the five
 * subgraph schemas in its own process, with no HTTP hop (each subgraph call is Apollo
 * Server's executeOperation with the subgraph's own context). Started by the harness as its
 * own process: GATEWAY_PORT and the usual database variables. With BENCH_CALLS_PORT, it also
 * answers there with the number of subgraph calls made so far (DELETE resets it): the
 * harness's count of subgraph calls per request, which here are calls, not HTTP requests.
 */
let subgraphCalls = 0;

class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly service: SubgraphService<unknown>) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    subgraphCalls += 1;
    const viewer = (context as Partial<GatewayContext>).viewer ?? null;
    const response = await this.service.apollo.executeOperation(
      { query: request.query, variables: request.variables, operationName: request.operationName },
      { contextValue: this.service.contextFor(viewer) },
    );
    if (response.body.kind !== 'single') throw new Error('Expected a single result');
    return response.body.singleResult;
  }
}

async function main(): Promise<void> {
  const config = await loadConfig();
  const log = rootLogger.child({ service: 'in-process-gateway' });
  const services = new Map<string, SubgraphService<unknown>>();
  for (const name of SUBGRAPH_NAMES) {
    const build = SUBGRAPH_BUILDERS[name] as (
      ...args: Parameters<(typeof SUBGRAPH_BUILDERS)[SubgraphName]>
    ) => SubgraphService<unknown>;
    const service = build(config, log.child({ subgraph: name }));
    await service.start();
    services.set(name, service);
  }
  const gateway = createGateway(config, log, {
    dataSourceFor: ({ name }) => {
      const service = services.get(name);
      if (!service) throw new Error(`No subgraph ${name}`);
      return new InProcessDataSource(service);
    },
  });
  await gateway.start();
  const url = await gateway.listen(config.gatewayPort);
  console.log(`in-process gateway listening on ${url}`);
  const callsPort = Number(process.env.BENCH_CALLS_PORT ?? 0);
  const counter = http.createServer((request, response) => {
    if (request.method === 'DELETE') subgraphCalls = 0;
    response.end(String(subgraphCalls));
  });
  if (callsPort) counter.listen(callsPort, '127.0.0.1');
  const stop = async () => {
    counter.close();
    await gateway.stop();
    await Promise.all([...services.values()].map((s) => s.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
