import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express, { type Request } from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { AccessTokenVerifier } from './auth/tokens';
import { viewerFromAuthorization } from './auth/viewer-from-header';
import type { Viewer } from './auth/viewer';
import type { CampusConfig } from './config';
import type { SubgraphContext } from './context';
import { createFormatError } from './format-error';
import { GATEWAY_SECRET_HEADER, isGatewaySecret } from './gateway-secret';
import type { Logger } from './logger';
import type { SubgraphName } from './topology';

export interface SubgraphDefinition<L> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  /** Codegen-typed resolvers, widened once at this library boundary. */
  resolvers: GraphQLResolverMap<unknown>;
  dataSource: DataSource;
  createLoaders: (db: DataSource) => L;
  /** Demo data for this subgraph's own schema; must be idempotent. */
  seed?: (db: DataSource, log: Logger) => Promise<void>;
  config: CampusConfig;
  log: Logger;
}

/**
 * A subgraph built but not listening: tests drive it in-process or listen on port 0;
 * the service entry (`main.ts`) listens on the configured port.
 */
export interface RunnableSubgraph {
  readonly name: SubgraphName;
  readonly dataSource: DataSource;
  readonly httpServer: http.Server;
  /** Connects, migrates as the service's own role, seeds if asked, starts Apollo. */
  start(options?: { seed?: boolean }): Promise<void>;
  /** Listens (port 0: any free port) and returns the GraphQL URL. */
  listen(port: number): Promise<string>;
  stop(): Promise<void>;
}

export interface SubgraphService<L> extends RunnableSubgraph {
  readonly apollo: ApolloServer<SubgraphContext<L>>;
  /** A context as the HTTP layer would build it, for in-process operations in tests. */
  contextFor(viewer: Viewer | null): SubgraphContext<L>;
}

export function createSubgraphService<L>(definition: SubgraphDefinition<L>): SubgraphService<L> {
  const { name, dataSource, config, log } = definition;
  const verifier = new AccessTokenVerifier(config.jwt);
  const app = express();
  const httpServer = http.createServer(app);
  const development = config.nodeEnv === 'development';

  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema: buildSubgraphSchema([
      { typeDefs: definition.typeDefs, resolvers: definition.resolvers },
    ]),
    logger: log,
    introspection: !config.production,
    includeStacktraceInErrorResponses: development,
    formatError: createFormatError(log, development),
    // No Apollo Studio here, so no federated traces (ftv1) to attach to responses.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });

  const contextFor = (viewer: Viewer | null, req?: Request): SubgraphContext<L> => ({
    viewer,
    loaders: definition.createLoaders(dataSource),
    db: dataSource,
    log,
    config,
    client: { ip: req?.ip, userAgent: req?.get('user-agent') },
  });

  app.get('/health', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok', service: name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: name });
    }
  });

  let started = false;
  return {
    name,
    dataSource,
    apollo,
    httpServer,
    contextFor: (viewer) => contextFor(viewer),
    async start(options = {}) {
      if (!dataSource.isInitialized) await dataSource.initialize();
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrated');
      if (options.seed && definition.seed) await definition.seed(dataSource, log);
      await apollo.start();
      app.use(
        '/graphql',
        (req, res, next) => {
          if (isGatewaySecret(config.gatewaySecret, req.headers[GATEWAY_SECRET_HEADER])) {
            return next();
          }
          res.status(403).json({
            errors: [
              {
                message: 'Subgraphs accept requests only from the Campus gateway.',
                extensions: { code: 'FORBIDDEN' },
              },
            ],
          });
        },
        express.json({ limit: '1mb' }),
        expressMiddleware(apollo, {
          context: async ({ req }) =>
            contextFor(await viewerFromAuthorization(verifier, req.get('authorization')), req),
        }),
      );
      started = true;
    },
    async listen(port) {
      await new Promise<void>((resolve) => httpServer.listen(port, resolve));
      const { port: actual } = httpServer.address() as AddressInfo;
      const url = `http://localhost:${actual}/graphql`;
      log.info({ url }, `${name} subgraph listening`);
      return url;
    },
    async stop() {
      if (started) await apollo.stop();
      else if (httpServer.listening) httpServer.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
