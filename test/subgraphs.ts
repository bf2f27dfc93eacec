import { startAndSeed } from '../scripts/subgraph-factories';
import { buildAuthSubgraph } from '../subgraphs/auth/subgraph';
import type { Loaders as AuthLoaders } from '../subgraphs/auth/loaders';
import { buildBookingSubgraph } from '../subgraphs/booking/subgraph';
import type { Loaders as BookingLoaders } from '../subgraphs/booking/loaders';
import { buildCourseSubgraph } from '../subgraphs/course/subgraph';
import type { Loaders as CourseLoaders } from '../subgraphs/course/loaders';
import type { SubgraphRuntimeOptions, SubgraphService } from '../subgraphs/shared/server';
import type { SubgraphName } from '../subgraphs/shared/topology';
import { buildSupportSubgraph } from '../subgraphs/support/subgraph';
import type { Loaders as SupportLoaders } from '../subgraphs/support/loaders';
import { buildUsersSubgraph } from '../subgraphs/users/subgraph';
import type { Loaders as UsersLoaders } from '../subgraphs/users/loaders';
import { testConfig, testLog } from './helpers';

export interface TestSubgraphs {
  auth: SubgraphService<AuthLoaders>;
  users: SubgraphService<UsersLoaders>;
  course: SubgraphService<CourseLoaders>;
  booking: SubgraphService<BookingLoaders>;
  support: SubgraphService<SupportLoaders>;
}

const BUILDERS = {
  auth: buildAuthSubgraph,
  users: buildUsersSubgraph,
  course: buildCourseSubgraph,
  booking: buildBookingSubgraph,
  support: buildSupportSubgraph,
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
    names.map((name) => [name, BUILDERS[name](config, testLog, options.runtime)]),
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
