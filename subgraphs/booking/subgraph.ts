import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CampusConfig } from '../shared/config';
import type { Logger } from '../shared/logger';
import { loadSchemaFile } from '../shared/schema-file';
import {
  createSubgraphService,
  type SubgraphRuntimeOptions,
  type SubgraphService,
} from '../shared/server';
import { courseViewConsumer } from './consumers/course-view';
import { createBookingDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { seedBooking } from './seed';

/** The booking subgraph, built but not listening (tests use this; main.ts listens). */
export function buildBookingSubgraph(
  config: CampusConfig,
  log: Logger,
  runtime: SubgraphRuntimeOptions = {},
): SubgraphService<Loaders> {
  return createSubgraphService({
    name: 'booking',
    typeDefs: loadSchemaFile(__dirname),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    dataSource: createBookingDataSource(config, log, { keepStatements: runtime.keepStatements }),
    createLoaders,
    seed: seedBooking,
    // booking.changed leaves through booking's outbox.
    producesEvents: true,
    // course.changed keeps booking's view of courses (seats, visibility, instructor).
    consumers: (ctx) => [courseViewConsumer(ctx)],
    config,
    log,
    runtime,
  });
}
