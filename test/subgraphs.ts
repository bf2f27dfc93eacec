import { SUBGRAPH_BUILDERS, startAndSeed } from '../scripts/subgraph-factories';
import type { SubgraphRuntimeOptions, SubgraphService } from '../subgraphs/shared/server';
import type { SubgraphName } from '../subgraphs/shared/topology';
import { testConfig, testLog } from './helpers';

/** Each subgraph's service, with its own loaders' types. */
export type TestSubgraphs = {
  [N in SubgraphName]: ReturnType<(typeof SUBGRAPH_BUILDERS)[N]>;
};

export type StartedSubgraphs<N extends SubgraphName> = Pick<TestSubgraphs, N> & {
  stop(): Promise<void>;
};

/**
 * Builds the named subgraphs in-process on this test file's event bus, starts them and
 * (unless told not to) seeds them in dependency order, so a subgraph whose data comes from
 * another's events (users from auth, booking from course) can be tested with its producer.
 */
export async function startSubgraphs<N extends SubgraphName>(
  names: readonly N[],
  options: { seed?: boolean; runtime?: SubgraphRuntimeOptions } = {},
): Promise<StartedSubgraphs<N>> {
  const config = await testConfig();
  const built = Object.fromEntries(
    names.map((name) => [name, SUBGRAPH_BUILDERS[name](config, testLog, options.runtime)]),
  ) as unknown as Pick<TestSubgraphs, N>;
  const services = names.map((name) => built[name] as SubgraphService<unknown>);
  await startAndSeed(services, options.seed ?? true);
  return {
    ...built,
    async stop() {
      await Promise.all(services.map((service) => service.stop()));
    },
  };
}
