import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CampusConfig } from '../shared/config';
import type { Logger } from '../shared/logger';
import { loadSchemaFile } from '../shared/schema-file';
import {
  createSubgraphService,
  type SubgraphRuntimeOptions,
  type SubgraphService,
} from '../shared/server';
import { staffAccountsConsumer } from './consumers/staff-accounts';
import { createSupportDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { seedSupport } from './seed';

/** The support subgraph, built but not listening (tests use this; main.ts listens). */
export function buildSupportSubgraph(
  config: CampusConfig,
  log: Logger,
  runtime: SubgraphRuntimeOptions = {},
): SubgraphService<Loaders> {
  return createSubgraphService({
    name: 'support',
    typeDefs: loadSchemaFile(__dirname),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    dataSource: createSupportDataSource(config, log, { keepStatements: runtime.keepStatements }),
    createLoaders,
    seed: seedSupport,
    // auth's user.registered and user.access-changed keep the staff view: who can be assigned.
    consumers: (ctx) => [staffAccountsConsumer(ctx)],
    config,
    log,
    runtime,
  });
}
