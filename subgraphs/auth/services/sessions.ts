import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccessTokenSigner } from '../../shared/auth/tokens';
import type { JwtConfig } from '../../shared/config';
import type { Account } from '../entities/account';
import { Session } from '../entities/session';

export const REFRESH_TOKEN_TTL_DAYS = 30;

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: Account;
  sessionId: string;
  tokenId: string;
}

export const hashRefreshToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

const signers = new WeakMap<JwtConfig, AccessTokenSigner>();
const signerFor = (config: JwtConfig): AccessTokenSigner => {
  let signer = signers.get(config);
  if (!signer) {
    signer = new AccessTokenSigner(config);
    signers.set(config, signer);
  }
  return signer;
};

/** Opens a session for the account: a stored refresh-token hash and a signed access token. */
export async function openSession(
  manager: EntityManager,
  jwt: JwtConfig,
  account: Account,
  client: { ip?: string; userAgent?: string },
): Promise<AuthPayload> {
  const refreshToken = randomBytes(32).toString('base64url');
  const session = await manager.getRepository(Session).save({
    accountId: account.id,
    refreshTokenHash: hashRefreshToken(refreshToken),
    userAgent: client.userAgent ?? null,
    ip: client.ip ?? null,
    lastUsedAt: new Date(),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  const { token, expiresAt, tokenId } = await signerFor(jwt).sign({
    userId: account.id,
    role: account.role,
    sessionId: session.id,
  });
  return {
    accessToken: token,
    refreshToken,
    expiresAt,
    user: account,
    sessionId: session.id,
    tokenId,
  };
}
