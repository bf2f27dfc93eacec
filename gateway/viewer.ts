import type { IncomingMessage } from 'node:http';
import type { AccessTokenVerifier } from '../subgraphs/shared/auth/tokens';
import type { Viewer } from '../subgraphs/shared/auth/viewer';
import { viewerFromAuthorization } from '../subgraphs/shared/auth/viewer-from-header';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The client's Authorization header, forwarded as is; subgraphs verify it again. */
  authorization?: string;
}

/** Verifies the bearer token once at the edge: a bad token never reaches a subgraph. */
export function createContextFactory(verifier: AccessTokenVerifier) {
  return async ({ req }: { req: IncomingMessage }): Promise<GatewayContext> => {
    const authorization = req.headers.authorization;
    const viewer = await viewerFromAuthorization(verifier, authorization);
    return viewer ? { viewer, authorization } : { viewer: null };
  };
}
