import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { RevocationList } from '../subgraphs/shared/auth/revocations';
import type { AccessTokenVerifier } from '../subgraphs/shared/auth/tokens';
import type { Viewer } from '../subgraphs/shared/auth/viewer';
import { viewerFromAuthorization } from '../subgraphs/shared/auth/viewer-from-header';
import type { Logger } from '../subgraphs/shared/logger';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The client's Authorization header, forwarded as is; subgraphs verify it again. */
  authorization?: string;
  /** The client as the gateway saw it, for sessions and rate limits in the subgraphs. */
  client: { ip?: string; userAgent?: string };
  /**
   * The request's trace (32 hex digits, also in `x-trace-id`): subgraph calls carry it in
   * their `traceparent` even with tracing off, so every service logs the same id.
   */
  traceId?: string;
  /** The gateway's logger with `traceId`, for every line this request logs. */
  log?: Logger;
}

/**
 * Verifies the bearer token once at the edge, revocations included: a bad or revoked token
 * never reaches a subgraph.
 */
export function createContextFactory(
  verifier: AccessTokenVerifier,
  revocations: RevocationList,
  log: Logger,
) {
  return async (req: IncomingMessage, traceId: string): Promise<GatewayContext> => {
    const authorization = req.headers.authorization;
    const viewer = await viewerFromAuthorization(verifier, revocations, authorization).catch(
      (error: unknown) => {
        // A bad token is refused at the door, before any subgraph: HTTP 401.
        if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
          throw new GraphQLError(error.message, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
        throw error;
      },
    );
    const client = { ip: req.socket.remoteAddress, userAgent: req.headers['user-agent'] };
    const traced = { traceId, log: log.child({ traceId }) };
    return viewer
      ? { viewer, authorization, client, ...traced }
      : { viewer: null, client, ...traced };
  };
}
