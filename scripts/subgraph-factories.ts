import { buildAuthSubgraph } from '../subgraphs/auth/subgraph';
import { buildBookingSubgraph } from '../subgraphs/booking/subgraph';
import { buildCourseSubgraph } from '../subgraphs/course/subgraph';
import type { SubgraphFactory } from '../subgraphs/shared/run-service';
import type { SubgraphName } from '../subgraphs/shared/topology';
import { buildSupportSubgraph } from '../subgraphs/support/subgraph';
import { buildUsersSubgraph } from '../subgraphs/users/subgraph';

/** Every subgraph's builder, for the processes that run them all (npm start, tests). */
export const SUBGRAPH_FACTORIES: Record<SubgraphName, SubgraphFactory> = {
  auth: buildAuthSubgraph,
  users: buildUsersSubgraph,
  course: buildCourseSubgraph,
  booking: buildBookingSubgraph,
  support: buildSupportSubgraph,
};
