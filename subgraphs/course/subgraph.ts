import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CampusConfig } from '../shared/config';
import type { Logger } from '../shared/logger';
import { loadSchemaFile } from '../shared/schema-file';
import {
  createSubgraphService,
  type SubgraphRuntimeOptions,
  type SubgraphService,
} from '../shared/server';
import { createCourseDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { seedCourse } from './seed';

/** The course subgraph, built but not listening (tests use this; main.ts listens). */
export function buildCourseSubgraph(
  config: CampusConfig,
  log: Logger,
  runtime: SubgraphRuntimeOptions = {},
): SubgraphService<Loaders> {
  return createSubgraphService({
    name: 'course',
    typeDefs: loadSchemaFile(__dirname),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    dataSource: createCourseDataSource(config, log, { keepStatements: runtime.keepStatements }),
    createLoaders,
    seed: seedCourse,
    // course.changed, read by booking's course view.
    producesEvents: true,
    config,
    log,
    runtime,
  });
}
