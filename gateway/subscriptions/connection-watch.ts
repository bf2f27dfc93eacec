import type WebSocket from 'ws';
import type { RevocationList } from '../../subgraphs/shared/auth/revocations';
import { bearerToken, type AccessTokenVerifier } from '../../subgraphs/shared/auth/tokens';
import type { Logger } from '../../subgraphs/shared/logger';

const CHECK_EVERY_MS = 1_000;
/** graphql-ws's close code for a connection that is not (or no longer) allowed. */
export const FORBIDDEN_CLOSE_CODE = 4403;

/**
 * A socket lives longer than the token that opened it. Once a second, the connection's
 * token is checked again: revoked (logOut, suspension…) or expired, the socket closes with
 * 4403 and every subscription on it ends.
 */
export function watchConnection(
  socket: WebSocket,
  authorization: string,
  verifier: AccessTokenVerifier,
  revocations: RevocationList,
  log: Logger,
): void {
  const token = bearerToken(authorization);
  if (!token) return;
  const claims = verifier.verify(token);
  const timer = setInterval(() => {
    void claims
      .then(async ({ sid, sub, iat, exp }) => {
        const expired = exp * 1000 <= Date.now();
        const revoked = await revocations.isRevoked({
          sessionId: sid,
          userId: sub,
          issuedAt: new Date(iat * 1000),
        });
        if (expired || revoked) {
          socket.close(FORBIDDEN_CLOSE_CODE, expired ? 'Token expired' : 'Session ended');
        }
      })
      .catch((error: unknown) => {
        log.debug({ err: error }, 'subscription token no longer valid');
        socket.close(FORBIDDEN_CLOSE_CODE, 'Forbidden');
      });
  }, CHECK_EVERY_MS);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}
