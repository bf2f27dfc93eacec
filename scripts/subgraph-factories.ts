import { buildAuthSubgraph } from '../subgraphs/auth/subgraph';
import { buildBookingSubgraph } from '../subgraphs/booking/subgraph';
import { buildCourseSubgraph } from '../subgraphs/course/subgraph';
import type { SubgraphFactory } from '../subgraphs/shared/run-service';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/shared/topology';
import { buildSupportSubgraph } from '../subgraphs/support/subgraph';
import { buildUsersSubgraph } from '../subgraphs/users/subgraph';

/** Every subgraph's builder with its own types (tests reach each one's loaders). */
export const SUBGRAPH_BUILDERS = {
  auth: buildAuthSubgraph,
  users: buildUsersSubgraph,
  course: buildCourseSubgraph,
  booking: buildBookingSubgraph,
  support: buildSupportSubgraph,
} satisfies Record<SubgraphName, SubgraphFactory>;

/** The same builders, uniformly typed, for the processes that run them all (npm start). */
export const SUBGRAPH_FACTORIES: Record<SubgraphName, SubgraphFactory> = SUBGRAPH_BUILDERS;

/**
 * Starts subgraphs together (migrations, event bus), then seeds them one after another in
 * topology order: auth, users, course, booking, support. Later seeds build on what earlier
 * ones' events delivered (profiles from user.registered, booking's course view from
 * course.changed), so the order is the order of the data's dependencies.
 */
export async function startAndSeed(subgraphs: RunnableSubgraph[], seed: boolean): Promise<void> {
  await Promise.all(subgraphs.map((subgraph) => subgraph.start()));
  if (!seed) return;
  const order = (s: RunnableSubgraph) => SUBGRAPH_NAMES.indexOf(s.name);
  for (const subgraph of [...subgraphs].sort((a, b) => order(a) - order(b))) {
    await subgraph.seed();
  }
}
