import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { CampusConfig } from '../shared/config';
import type { Logger } from '../shared/logger';
import { loadSchemaFile } from '../shared/schema-file';
import {
  createSubgraphService,
  type SubgraphRuntimeOptions,
  type SubgraphService,
} from '../shared/server';
import { createAuthDataSource } from './data-source';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { seedAuth } from './seed';
import { clearExpiredLoginLimits } from './services/login-rate-limit';
import type { MailSender } from './services/mail';
import { attachMailRelay } from './services/mail-outbox';
import { MailRelay } from './services/mail-relay';
import { mailSenderFor } from './services/mail-sender-for';
import { republishRevocationsAfterOutages } from './services/republish-revocations';
import { restoreRevocations } from './services/restore-revocations';

export interface AuthSubgraphOptions {
  /** Where mail goes; by default SMTP_URL's server, or the log outside production. */
  mailSender?: MailSender;
}

/** The auth subgraph, built but not listening (tests use this; main.ts listens). */
export function buildAuthSubgraph(
  config: CampusConfig,
  log: Logger,
  runtime: SubgraphRuntimeOptions = {},
  options: AuthSubgraphOptions = {},
): SubgraphService<Loaders> {
  // First, so that production without SMTP fails before anything is built.
  const mailSender = options.mailSender ?? mailSenderFor(config, log);
  const dataSource = createAuthDataSource(config, log, { keepStatements: runtime.keepStatements });
  const relay = new MailRelay(dataSource, mailSender, log);
  attachMailRelay(dataSource, relay);
  const service = createSubgraphService({
    name: 'auth',
    typeDefs: loadSchemaFile(__dirname),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    dataSource,
    createLoaders,
    seed: seedAuth,
    producesEvents: true,
    onStart: async (ctx) => {
      await restoreRevocations(ctx);
      // On Redis, revocations recorded during an outage reach every instance once it ends.
      republishRevocationsAfterOutages(ctx);
      await clearExpiredLoginLimits(ctx.db);
      // Mail left over from before (a crash, a failing sender) goes out now.
      relay.wake();
    },
    config,
    log,
    runtime,
  });
  return {
    ...service,
    async stop() {
      // Deliveries in flight finish first; anything still pending is sent on the next start.
      await relay.close();
      await service.stop();
    },
  };
}
