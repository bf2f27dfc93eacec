import { unauthenticated } from '../errors';
import { InvalidTokenError, bearerToken, type AccessTokenVerifier } from './tokens';
import type { Viewer } from './viewer';

/**
 * The viewer an `Authorization` header proves: null when there is none, UNAUTHENTICATED
 * when it is malformed, forged or expired. The gateway and every subgraph use this one rule.
 */
export async function viewerFromAuthorization(
  verifier: AccessTokenVerifier,
  authorization: string | undefined,
): Promise<Viewer | null> {
  try {
    const token = bearerToken(authorization);
    if (!token) return null;
    const claims = await verifier.verify(token);
    return { id: claims.sub, role: claims.role, sessionId: claims.sid, tokenId: claims.jti };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
}
