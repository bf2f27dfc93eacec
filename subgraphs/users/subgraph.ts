import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CampusConfig } from '../shared/config';
import type { Logger } from '../shared/logger';
import { loadSchemaFile } from '../shared/schema-file';
import { createSubgraphService, type SubgraphService } from '../shared/server';
import { createUsersDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { seedUsers } from './seed';

/** The users subgraph, built but not listening (tests use this; main.ts listens). */
export function buildUsersSubgraph(
  config: CampusConfig,
  log: Logger,
  options: { keepStatements?: boolean } = {},
): SubgraphService<Loaders> {
  return createSubgraphService({
    name: 'users',
    typeDefs: loadSchemaFile(__dirname),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    dataSource: createUsersDataSource(config, log, options),
    createLoaders,
    seed: (db, seedLog) => seedUsers(db, seedLog),
    config,
    log,
  });
}
