import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { processRevocationList, type RevocationList } from '../subgraphs/shared/auth/revocations';
import { AccessTokenVerifier } from '../subgraphs/shared/auth/tokens';
import type { CampusConfig } from '../subgraphs/shared/config';
import { createFormatError } from '../subgraphs/shared/format-error';
import type { Logger } from '../subgraphs/shared/logger';
import { envPrefix } from '../subgraphs/shared/topology';
import { mountHealthRoutes } from './health';
import { queryLimits } from './limits';
import { supergraphFromFile } from './supergraph-file';
import { serveGatewaySubscriptions, type GatewaySubscriptions } from './subscriptions/server';
import { CampusSubgraphDataSource } from './subgraph-data-source';
import { createContextFactory, type GatewayContext } from './viewer';

export interface CampusGateway {
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<GatewayContext>;
  /** Subgraph name → URL the gateway routes to (after environment overrides). */
  readonly subgraphUrls: ReadonlyMap<string, string>;
  /** Live subscription counts (clients, shared, upstream sockets): leak tests use them. */
  subscriptionStats(): ReturnType<GatewaySubscriptions['stats']>;
  start(): Promise<void>;
  listen(port: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The Campus gateway, built but not listening: @apollo/gateway executing query plans over
 * the composed supergraph, on @apollo/server behind Express. It serves whatever supergraph
 * `config.supergraphPath` names, routing to the URLs written in it unless an
 * `<NAME>_SUBGRAPH_URL` variable overrides one.
 */
export function createGateway(
  config: CampusConfig,
  log: Logger,
  options: { revocations?: RevocationList } = {},
): CampusGateway {
  const revocations = options.revocations ?? processRevocationList();
  const app = express();
  const httpServer = http.createServer(app);
  const development = config.nodeEnv === 'development';
  const subgraphUrls = new Map<string, string>();

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, log),
    logger: log,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrlOverrides[envPrefix(name)] ?? url;
      if (!target) throw new Error(`Subgraph ${name} has no URL in the supergraph`);
      subgraphUrls.set(name, target);
      return new CampusSubgraphDataSource({ name, url: target }, config.gatewaySecret);
    },
  });

  const limits = queryLimits();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: log,
    introspection: !config.production,
    includeStacktraceInErrorResponses: development,
    formatError: createFormatError(log, development),
    validationRules: limits.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      ...limits.plugins,
      // Subscriptions end (with a reason) before the HTTP server drains.
      { serverWillStart: async () => ({ drainServer: async () => subscriptions?.dispose() }) },
    ],
  });
  let subscriptions: GatewaySubscriptions | undefined;
  // The supergraph as the gateway loaded it (at start and on every reload): subscriptions
  // route by it, and open ones end when it changes.
  let supergraphSdl = '';
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    supergraphSdl = coreSupergraphSdl;
    subscriptions?.supergraphChanged(coreSupergraphSdl);
  });

  let loaded = false;
  mountHealthRoutes(app, { loaded: () => loaded, subgraphs: () => subgraphUrls });

  return {
    httpServer,
    apollo,
    subgraphUrls,
    subscriptionStats: () =>
      subscriptions?.stats() ?? {
        clientSubscriptions: 0,
        sharedSubscriptions: 0,
        upstreamSockets: 0,
        upstreamSubscriptions: 0,
      },
    async start() {
      await apollo.start();
      loaded = true;
      const verifier = new AccessTokenVerifier(config.jwt);
      subscriptions = serveGatewaySubscriptions({
        httpServer,
        path: '/graphql',
        apollo,
        gateway,
        supergraphSdl,
        subgraphUrls,
        verifier,
        revocations,
        gatewaySecret: config.gatewaySecret,
        validationRules: limits.validationRules,
        log,
      });
      app.use(
        '/graphql',
        cors<cors.CorsRequest>(),
        express.json({ limit: '1mb' }),
        expressMiddleware(apollo, {
          context: createContextFactory(verifier, revocations),
        }),
      );
    },
    async listen(port) {
      await new Promise<void>((resolve) => httpServer.listen(port, resolve));
      const { port: actual } = httpServer.address() as AddressInfo;
      return `http://localhost:${actual}/graphql`;
    },
    async stop() {
      if (loaded) await apollo.stop();
      else if (httpServer.listening) httpServer.close();
    },
  };
}
