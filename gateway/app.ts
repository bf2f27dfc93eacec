import http from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import cors from 'cors';
import type Redis from 'ioredis';
import { graphqlHandler } from '../subgraphs/shared/http/graphql-handler';
import { keepConnectionsAlive } from '../subgraphs/shared/http/keep-alive';
import { sendGraphQLError } from '../subgraphs/shared/http/respond';
import { routes, type Handler } from '../subgraphs/shared/http/router';
import { processRevocationList, type RevocationList } from '../subgraphs/shared/auth/revocations';
import { AccessTokenVerifier } from '../subgraphs/shared/auth/tokens';
import type { CampusConfig } from '../subgraphs/shared/config';
import { createFormatError } from '../subgraphs/shared/format-error';
import { operationOnRequestSpanPlugin } from '../subgraphs/shared/observability/graphql-spans';
import type { Logger } from '../subgraphs/shared/logger';
import { ServiceMetrics } from '../subgraphs/shared/observability/metrics';
import { graphqlMetricsPlugin } from '../subgraphs/shared/observability/metrics-plugin';
import { metricsRoutes } from '../subgraphs/shared/observability/metrics-route';
import { subgraphFetchMetrics } from '../subgraphs/shared/observability/metrics-subgraph-fetch';
import { observeSubscriptions } from '../subgraphs/shared/observability/metrics-subscriptions';
import { envPrefix } from '../subgraphs/shared/topology';
import { healthRoutes } from './health';
import { errorShapingPlugin, shapeError } from './error-shaping';
import { refuseWhileDraining, variablesRefusal } from './http-guards';
import { PARSE_OPTIONS, REQUEST_LIMITS, documentRules } from './limits';
import { persistedDocuments, prepareHttpRequest } from './persisted-documents';
import { supergraphFromFile } from './supergraph-file';
import { serveGatewaySubscriptions, type GatewaySubscriptions } from './subscriptions/server';
import { CampusSubgraphDataSource } from './subgraph-data-source';
import { createContextFactory, type GatewayContext } from './viewer';

export interface CampusGateway {
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<GatewayContext>;
  /** Subgraph name → URL the gateway routes to (after environment overrides). */
  readonly subgraphUrls: ReadonlyMap<string, string>;
  /** Its Prometheus metrics (served at /metrics, and on METRICS_PORT by the process). */
  readonly metrics: ServiceMetrics;
  /** Live subscription counts (clients, shared, upstream sockets): leak tests use them. */
  subscriptionStats(): ReturnType<GatewaySubscriptions['stats']>;
  start(): Promise<void>;
  listen(port: number): Promise<string>;
  /**
   * The first half of a shutdown: still listening, but new requests get 503 and /ready
   * says draining; open subscriptions receive the "shutting down" error and end.
   */
  drain(): Promise<void>;
  /** Drains, then lets in-flight requests finish and closes the server. */
  stop(): Promise<void>;
}

/**
 * @apollo/gateway reports usage data of the machine to Apollo (a metrics exporter to
 * usage-reporting.api.apollographql.com, after probing cloud metadata addresses) unless
 * APOLLO_TELEMETRY_DISABLED is set before it is built. Campus makes no call outside its
 * own network it was not told to make, so that is off unless an operator set the
 * variable themselves.
 */
function optOutOfApolloDataCollection(): void {
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
}

/**
 * The Campus gateway, built but not listening: @apollo/gateway executing query plans over
 * the composed supergraph, on @apollo/server over node:http. It serves whatever supergraph
 * `config.supergraphPath` names, routing to the URLs written in it unless an
 * `<NAME>_SUBGRAPH_URL` variable overrides one. Throws when `TRUSTED_DOCUMENTS=enforce`
 * has no valid manifest to enforce.
 */
export function createGateway(
  config: CampusConfig,
  log: Logger,
  options: {
    revocations?: RevocationList;
    /** How to reach a subgraph; by default over HTTP (the benchmark's lower bound does not). */
    dataSourceFor?: (subgraph: { name: string; url: string }) => GraphQLDataSource;
    /** Shared Redis (REDIS_URL): automatic persisted queries are then shared by instances. */
    redis?: Redis;
    /** Whether its metrics carry the process's own (CPU, memory, event loop): entry points. */
    processMetrics?: boolean;
  } = {},
): CampusGateway {
  // First, so that a gateway told to enforce a manifest it cannot read never starts.
  const documents = persistedDocuments(config.trustedDocuments, log, { redis: options.redis });
  const enforce = documents.mode === 'enforce';
  const revocations = options.revocations ?? processRevocationList();
  // Routes are mounted once Apollo has started; until then every request gets a 503.
  let listener: Handler = (_req, res) =>
    sendGraphQLError(res, 503, 'The gateway is starting.', { code: 'INTERNAL_SERVER_ERROR' });
  const httpServer = keepConnectionsAlive(http.createServer((req, res) => void listener(req, res)));
  const development = config.nodeEnv === 'development';
  const subgraphUrls = new Map<string, string>();
  const metrics = new ServiceMetrics('gateway', { processMetrics: options.processMetrics });
  const fetches = subgraphFetchMetrics(metrics);

  optOutOfApolloDataCollection();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, log),
    logger: log,
    buildService: ({ name, url }) => {
      const target = config.subgraphUrlOverrides[envPrefix(name)] ?? url;
      if (!target) throw new Error(`Subgraph ${name} has no URL in the supergraph`);
      subgraphUrls.set(name, target);
      if (options.dataSourceFor) return options.dataSourceFor({ name, url: target });
      return new CampusSubgraphDataSource(
        { name, url: target },
        config.gatewaySecret,
        config.subgraphTimeoutMs,
        log,
        fetches,
      );
    },
  });

  const validationRules = documentRules();
  const shaping = { production: config.production, development };
  const mask = createFormatError(log, development);
  const formatError = (formatted: GraphQLFormattedError, error: unknown) =>
    shapeError(mask(formatted, error), shaping);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: log,
    // Enforced trusted documents refuse introspection (and Sandbox) like any ad-hoc query.
    introspection: !config.production && !enforce,
    includeStacktraceInErrorResponses: development,
    formatError,
    parseOptions: PARSE_OPTIONS,
    // Persisted queries are resolved before Apollo sees the request (persisted-documents.ts).
    persistedQueries: false,
    validationRules,
    // Signals belong to the process (main.ts, npm start), which stops the gateway in order.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      config.production || enforce
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      errorShapingPlugin(shaping),
      graphqlMetricsPlugin(metrics),
      operationOnRequestSpanPlugin(),
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
  let draining = false;
  const health = healthRoutes({
    loaded: () => loaded,
    draining: () => draining,
    subgraphs: () => subgraphUrls,
  });
  const allowCrossOrigin = cors<cors.CorsRequest>();

  const subscriptionStats = (): ReturnType<GatewaySubscriptions['stats']> =>
    subscriptions?.stats() ?? {
      clientSockets: 0,
      clientSubscriptions: 0,
      sharedSubscriptions: 0,
      upstreamSockets: 0,
      upstreamSubscriptions: 0,
    };
  observeSubscriptions(metrics, subscriptionStats);

  return {
    httpServer,
    apollo,
    subgraphUrls,
    metrics,
    subscriptionStats,
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
        validationRules,
        documents,
        subgraphTimeoutMs: config.subgraphTimeoutMs,
        shaping,
        log,
      });
      const graphql = graphqlHandler({
        apollo,
        bodyLimitBytes: REQUEST_LIMITS.bodyBytes,
        context: createContextFactory(verifier, revocations, log),
        check: variablesRefusal,
        prepare: prepareHttpRequest(documents),
      });
      const serveGraphQL: Handler = (req, res) => {
        if (draining) return refuseWhileDraining(res);
        // cors answers a preflight itself; anything else goes on to GraphQL.
        allowCrossOrigin(req, res, () => void graphql(req, res).catch(fail(res)));
      };
      const fail = (res: Parameters<Handler>[1]) => (error: unknown) => {
        log.error({ err: error }, 'request failed outside GraphQL');
        if (res.headersSent) return void res.destroy();
        sendGraphQLError(res, 500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
      };
      listener = routes(
        [...health, ...metricsRoutes(metrics, config), { path: '/graphql', handle: serveGraphQL }],
        log,
      );
    },
    async listen(port) {
      await new Promise<void>((resolve) => httpServer.listen(port, resolve));
      const { port: actual } = httpServer.address() as AddressInfo;
      return `http://localhost:${actual}/graphql`;
    },
    async drain() {
      draining = true;
      await subscriptions?.dispose();
    },
    async stop() {
      await this.drain();
      if (loaded) await apollo.stop();
      else if (httpServer.listening) httpServer.close();
    },
  };
}
