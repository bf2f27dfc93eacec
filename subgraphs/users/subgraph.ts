import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CampusConfig } from '../shared/config';
import type { Logger } from '../shared/logger';
import { loadSchemaFile } from '../shared/schema-file';
import {
  createSubgraphService,
  type SubgraphRuntimeOptions,
  type SubgraphService,
} from '../shared/server';
import { createUsersDataSource } from './data-source';
import { profileConsumer } from './consumers/profiles';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { seedUsers } from './seed';

/** The users subgraph, built but not listening (tests use this; main.ts listens). */
export function buildUsersSubgraph(
  config: CampusConfig,
  log: Logger,
  runtime: SubgraphRuntimeOptions = {},
): SubgraphService<Loaders> {
  return createSubgraphService({
    name: 'users',
    typeDefs: loadSchemaFile(__dirname),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    dataSource: createUsersDataSource(config, log, { keepStatements: runtime.keepStatements }),
    createLoaders,
    seed: (ctx) => seedUsers(ctx),
    // Profiles are created from auth's user.registered events.
    consumers: (ctx) => [profileConsumer(ctx)],
    config,
    log,
    runtime,
  });
}
