import { unauthenticated } from '../errors';
import type { RevocationList } from './revocations';
import { InvalidTokenError, bearerToken, type AccessTokenVerifier } from './tokens';
import type { Viewer } from './viewer';

/**
 * The viewer an `Authorization` header proves: null when there is none, UNAUTHENTICATED
 * when it is malformed, forged, expired or revoked. The gateway and every subgraph use
 * this one rule.
 */
export async function viewerFromAuthorization(
  verifier: AccessTokenVerifier,
  revocations: RevocationList,
  authorization: string | undefined,
): Promise<Viewer | null> {
  let claims;
  try {
    const token = bearerToken(authorization);
    if (!token) return null;
    claims = await verifier.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
    throw error;
  }
  const revoked = await revocations.isRevoked({
    sessionId: claims.sid,
    userId: claims.sub,
    issuedAt: new Date(claims.iat * 1000),
  });
  if (revoked) throw unauthenticated('This session has ended. Sign in again.');
  return { id: claims.sub, role: claims.role, sessionId: claims.sid, tokenId: claims.jti };
}
