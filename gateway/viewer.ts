import type { IncomingMessage } from 'node:http';
import type { AccessTokenVerifier } from '../subgraphs/shared/auth/tokens';
import { InvalidTokenError, bearerToken } from '../subgraphs/shared/auth/tokens';
import type { Viewer } from '../subgraphs/shared/auth/viewer';
import { unauthenticated } from '../subgraphs/shared/errors';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The client's Authorization header, forwarded as is; subgraphs verify it again. */
  authorization?: string;
}

/** Verifies the bearer token once at the edge: a bad token never reaches a subgraph. */
export function createContextFactory(verifier: AccessTokenVerifier) {
  return async ({ req }: { req: IncomingMessage }): Promise<GatewayContext> => {
    const authorization = req.headers.authorization;
    try {
      const token = bearerToken(authorization);
      if (!token) return { viewer: null };
      const claims = await verifier.verify(token);
      return {
        viewer: { id: claims.sub, role: claims.role, sessionId: claims.sid, tokenId: claims.jti },
        authorization,
      };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
      throw error;
    }
  };
}
