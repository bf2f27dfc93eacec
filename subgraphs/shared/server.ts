import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { processRevocationList, type RevocationList } from './auth/revocations';
import { AccessTokenVerifier } from './auth/tokens';
import { viewerFromAuthorization } from './auth/viewer-from-header';
import type { Viewer } from './auth/viewer';
import type { CampusConfig } from './config';
import type { ServiceContext, SubgraphContext } from './context';
import type { Detach, EventBus, EventConsumer } from './events/bus';
import { Outbox } from './events/outbox';
import { processEventBus } from './events/process-bus';
import { createEventPublisher } from './events/publisher';
import { createFormatError } from './format-error';
import { graphqlHandler } from './http/graphql-handler';
import { keepConnectionsAlive } from './http/keep-alive';
import { nameLoaders } from './loaders';
import { operationSpanPlugin } from './observability/graphql-spans';
import { tracingEnabled } from './observability/tracing';
import { sendGraphQLError, sendJson } from './http/respond';
import { routes, type Handler } from './http/router';
import { ServiceMetrics } from './observability/metrics';
import { observeDatabasePool } from './observability/metrics-db-pool';
import { measuredConsumer } from './observability/metrics-event-delivery';
import { observeOutboxBacklog, outboxReaders } from './observability/metrics-outbox-backlog';
import { graphqlMetricsPlugin } from './observability/metrics-plugin';
import { metricsRoutes } from './observability/metrics-route';
import { RedisStreamsEventBus } from './events/redis-streams-bus';
import { processPubSub, type PubSub } from './pubsub';
import { serveSubscriptions } from './subscriptions-server';
import { CLIENT_IP_HEADER, GATEWAY_SECRET_HEADER, isGatewaySecret } from './gateway-secret';
import type { Logger } from './logger';
import type { SubgraphName } from './topology';

/** What a process gives each subgraph it runs; by default the process-wide ones. */
export interface SubgraphRuntimeOptions {
  bus?: EventBus;
  revocations?: RevocationList;
  pubsub?: PubSub;
  /** The shared Redis connection (REDIS_URL), handed to services as `ctx.redis`. */
  redis?: Redis;
  /** Keep the text of every SQL statement (tests inspect it). */
  keepStatements?: boolean;
  /**
   * Whether this service's metrics carry the process's own (CPU, memory, event loop): the
   * process's entry point asks it of one service only (run-service.ts, npm start).
   */
  processMetrics?: boolean;
}

export interface SubgraphDefinition<L> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  /** Codegen-typed resolvers, widened once at this library boundary. */
  resolvers: GraphQLResolverMap<unknown>;
  dataSource: DataSource;
  /** Per-request loaders; `services` gives them what they may share (e.g. `redis`). */
  createLoaders: (db: DataSource, services: ServiceContext) => L;
  /** Demo data for this subgraph's own schema, written through its services; idempotent. */
  seed?: (context: ServiceContext) => Promise<void>;
  /** Whether this subgraph writes domain events (it then has an outbox table). */
  producesEvents?: boolean;
  /** The consumer groups this subgraph runs (contract: Domain events). */
  consumers?: (context: ServiceContext) => EventConsumer[];
  /** Runs once connected and migrated, before serving. */
  onStart?: (context: ServiceContext) => Promise<void>;
  config: CampusConfig;
  log: Logger;
  runtime?: SubgraphRuntimeOptions;
}

/**
 * A subgraph built but not listening: tests drive it in-process or listen on port 0;
 * the service entry (`main.ts`) listens on the configured port.
 */
export interface RunnableSubgraph {
  readonly name: SubgraphName;
  readonly dataSource: DataSource;
  readonly httpServer: http.Server;
  /** Its Prometheus metrics (served at /metrics, and on METRICS_PORT by the process). */
  readonly metrics: ServiceMetrics;
  /**
   * Connects, migrates as the service's own role, joins the event bus and starts Apollo;
   * with `seed`, then seeds (as `seed()` does).
   */
  start(options?: { seed?: boolean }): Promise<void>;
  /** Writes the demo data through the subgraph's services (idempotent). */
  seed(): Promise<void>;
  /** Open graphql-ws connections (the gateway's upstream sockets). */
  subscriptionConnections(): number;
  /** Listens (port 0: any free port) and returns the GraphQL URL. */
  listen(port: number): Promise<string>;
  stop(): Promise<void>;
}

export interface SubgraphService<L> extends RunnableSubgraph {
  readonly apollo: ApolloServer<SubgraphContext<L>>;
  readonly services: ServiceContext;
  /** A context as the HTTP layer would build it, for in-process operations in tests. */
  contextFor(viewer: Viewer | null): SubgraphContext<L>;
}

/** One request header as a string (the first, if repeated). */
const header = (req: IncomingMessage | undefined, name: string): string | undefined => {
  const value = req?.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function createSubgraphService<L>(definition: SubgraphDefinition<L>): SubgraphService<L> {
  const { name, dataSource, config, log } = definition;
  const bus = definition.runtime?.bus ?? processEventBus(config);
  const revocations = definition.runtime?.revocations ?? processRevocationList();
  const outbox = definition.producesEvents ? new Outbox(name, dataSource) : undefined;
  const metrics = new ServiceMetrics(name, { processMetrics: definition.runtime?.processMetrics });
  observeDatabasePool(metrics, dataSource);
  if (outbox) {
    const relayed = bus instanceof RedisStreamsEventBus;
    observeOutboxBacklog(metrics, dataSource, name, outboxReaders(name, relayed), log);
  }
  const services: ServiceContext = {
    db: dataSource,
    events: createEventPublisher(name, outbox, bus),
    revocations,
    pubsub: definition.runtime?.pubsub ?? processPubSub(),
    log,
    metrics,
    config,
    redis: definition.runtime?.redis,
  };
  const detachments: Detach[] = [];
  const verifier = new AccessTokenVerifier(config.jwt);
  // Routes are mounted once Apollo has started; until then every request gets a 503.
  let listener: Handler = (_req, res) =>
    sendGraphQLError(res, 503, 'The service is starting.', { code: 'INTERNAL_SERVER_ERROR' });
  const httpServer = keepConnectionsAlive(http.createServer((req, res) => void listener(req, res)));
  const development = config.nodeEnv === 'development';

  const schema = buildSubgraphSchema([
    { typeDefs: definition.typeDefs, resolvers: definition.resolvers },
  ]);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    logger: log,
    introspection: !config.production,
    includeStacktraceInErrorResponses: development,
    formatError: createFormatError(log, development),
    // Signals belong to the process (run-service.ts, npm start), which stops it in order.
    stopOnTerminationSignals: false,
    // The gateway sends the fetches of one client request that start together as one batch
    // (gateway/fetch-batching.ts); only the gateway gets past the shared secret.
    allowBatchedHttpRequests: true,
    // No Apollo Studio here, so no federated traces (ftv1) to attach to responses.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // The gateway builds no HTTP cache policy from subgraphs, and nobody browses a
      // subgraph: both default plugins would only cost time on every call.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      graphqlMetricsPlugin(metrics),
      operationSpanPlugin(),
      // Subscriptions end before the HTTP server drains (graphql-ws recipe).
      { serverWillStart: async () => ({ drainServer: () => subscriptions.dispose() }) },
    ],
  });

  const contextFor = (
    viewer: Viewer | null,
    req?: IncomingMessage,
    traceId?: string,
  ): SubgraphContext<L> => {
    const loaders = definition.createLoaders(dataSource, services);
    if (tracingEnabled()) nameLoaders(loaders);
    return {
      ...services,
      // Every line a request logs names its trace (the gateway's, across services).
      log: traceId ? log.child({ traceId }) : log,
      viewer,
      loaders,
      client: {
        ip: header(req, CLIENT_IP_HEADER) ?? req?.socket.remoteAddress,
        userAgent: header(req, 'user-agent'),
      },
    };
  };
  const subscriptions = serveSubscriptions({
    httpServer,
    path: '/graphql',
    schema,
    gatewaySecret: config.gatewaySecret,
    authenticate: (authorization) => viewerFromAuthorization(verifier, revocations, authorization),
    context: (viewer) => contextFor(viewer),
    formatError: createFormatError(log, development),
    log,
  });
  const seed = async () => {
    if (definition.seed) await definition.seed(services);
  };

  const health: Handler = async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      sendJson(res, 200, { status: 'ok', service: name });
    } catch {
      sendJson(res, 503, { status: 'unavailable', service: name });
    }
  };

  let started = false;
  return {
    name,
    dataSource,
    apollo,
    httpServer,
    metrics,
    services,
    subscriptionConnections: () => subscriptions.connections(),
    contextFor: (viewer) => contextFor(viewer),
    seed,
    async start(options = {}) {
      if (!dataSource.isInitialized) await dataSource.initialize();
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrated');
      await definition.onStart?.(services);
      if (outbox) detachments.push(bus.attachOutbox(outbox));
      for (const consumer of definition.consumers?.(services) ?? []) {
        detachments.push(bus.subscribe(measuredConsumer(consumer, metrics)));
      }
      await apollo.start();
      const graphql = graphqlHandler({
        apollo,
        bodyLimitBytes: 1024 * 1024,
        context: async (req, traceId) =>
          contextFor(
            await viewerFromAuthorization(verifier, revocations, header(req, 'authorization')),
            req,
            traceId,
          ),
      });
      listener = routes(
        [
          { path: '/health', method: 'GET', handle: health },
          ...metricsRoutes(metrics, config),
          {
            path: '/graphql',
            handle: (req, res) => {
              if (isGatewaySecret(config.gatewaySecret, req.headers[GATEWAY_SECRET_HEADER])) {
                return graphql(req, res);
              }
              sendGraphQLError(
                res,
                403,
                'Subgraphs accept requests only from the Campus gateway.',
                {
                  code: 'FORBIDDEN',
                },
              );
            },
          },
        ],
        log,
      );
      started = true;
      if (options.seed) await seed();
    },
    async listen(port) {
      await new Promise<void>((resolve) => httpServer.listen(port, resolve));
      const { port: actual } = httpServer.address() as AddressInfo;
      const url = `http://localhost:${actual}/graphql`;
      log.info({ url }, `${name} subgraph listening`);
      return url;
    },
    async stop() {
      // Deliveries in flight finish before the connection they use goes away.
      await Promise.all(detachments.splice(0).map((detach) => detach()));
      if (started) {
        started = false;
        await apollo.stop();
      } else if (httpServer.listening) httpServer.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
