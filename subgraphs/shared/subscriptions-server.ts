import type http from 'node:http';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Viewer } from './auth/viewer';
import { isGatewaySecret } from './gateway-secret';
import type { Logger } from './logger';
import { tracedSubscriptions } from './traced-subscribe';

/** What the gateway sends in `connection_init` to a subgraph. */
export type UpstreamConnectionParams = Record<string, unknown> & {
  authorization?: string;
  gatewaySecret?: string;
};

export interface SubscriptionsServer {
  /** Open WebSocket connections (leak tests count them). */
  connections(): number;
  /** Closes every connection and stops accepting new ones. */
  dispose(): Promise<void>;
}

/**
 * graphql-ws on a subgraph's own HTTP server and path (graphql-ws's `useServer` recipe).
 * Only the gateway may connect: `connection_init` must carry the gateway secret and, when
 * present, a valid token; otherwise the socket closes with 4403 Forbidden.
 */
export function serveSubscriptions<C extends object>(options: {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  gatewaySecret: string;
  authenticate: (authorization: string | undefined) => Promise<Viewer | null>;
  context: (viewer: Viewer | null) => C;
  /** The same masking as HTTP responses (graphql-ws does not call Apollo's formatError). */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  log: Logger;
}): SubscriptionsServer {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const tracing = tracedSubscriptions();
  const cleanup = useServer<UpstreamConnectionParams, { viewer: Viewer | null }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        if (!isGatewaySecret(options.gatewaySecret, params.gatewaySecret)) return false;
        try {
          ctx.extra.viewer = await options.authenticate(params.authorization);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx, _id, payload) =>
        tracing.remember(options.context(ctx.extra.viewer ?? null), payload.extensions),
      subscribe: (args) => tracing.subscribe(args),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? {
              ...result,
              errors: result.errors.map((error) =>
                options.formatError(
                  error instanceof GraphQLError ? error.toJSON() : error,
                  error instanceof GraphQLError ? (error.originalError ?? error) : error,
                ),
              ),
            }
          : undefined,
      onError: (_ctx, _id, _payload, errors) => {
        options.log.debug({ errors }, 'subscription refused');
      },
    },
    wsServer,
  );
  return {
    connections: () => wsServer.clients.size,
    async dispose() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
