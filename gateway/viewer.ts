import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { RevocationList } from '../subgraphs/shared/auth/revocations';
import type { AccessTokenVerifier } from '../subgraphs/shared/auth/tokens';
import type { Viewer } from '../subgraphs/shared/auth/viewer';
import { viewerFromAuthorization } from '../subgraphs/shared/auth/viewer-from-header';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The client's Authorization header, forwarded as is; subgraphs verify it again. */
  authorization?: string;
  /** The client as the gateway saw it, for sessions and rate limits in the subgraphs. */
  client: { ip?: string; userAgent?: string };
}

/**
 * Verifies the bearer token once at the edge, revocations included: a bad or revoked token
 * never reaches a subgraph.
 */
export function createContextFactory(verifier: AccessTokenVerifier, revocations: RevocationList) {
  return async (req: IncomingMessage): Promise<GatewayContext> => {
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
    return viewer ? { viewer, authorization, client } : { viewer: null, client };
  };
}
