import type { EntityManager } from 'typeorm';
import { AccessTokenSigner } from '../../shared/auth/tokens';
import type { JwtConfig } from '../../shared/config';
import type { Account } from '../entities/account';
import { RefreshToken } from '../entities/refresh-token';
import { Session } from '../entities/session';
import { waitForTokenCutoff } from './access-token-revocation';
import { hashToken, newOpaqueToken } from './opaque-tokens';

/** A session (refresh-token family) lasts this long from sign-in; refreshing does not extend it. */
export const REFRESH_TOKEN_TTL_DAYS = 30;

/** The client as the gateway saw it. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: Account;
  sessionId: string;
  tokenId: string;
}

const signers = new WeakMap<JwtConfig, AccessTokenSigner>();
const signerFor = (config: JwtConfig): AccessTokenSigner => {
  let signer = signers.get(config);
  if (!signer) {
    signer = new AccessTokenSigner(config);
    signers.set(config, signer);
  }
  return signer;
};

/** Stores a new refresh token of `sessionId` (as its hash) and returns the token itself. */
export async function addRefreshToken(manager: EntityManager, sessionId: string): Promise<string> {
  const refreshToken = newOpaqueToken();
  await manager
    .getRepository(RefreshToken)
    .insert({ tokenHash: hashToken(refreshToken), sessionId });
  return refreshToken;
}

/**
 * Signs an access token for the account's current role in `sessionId`. Called inside the
 * transaction that issued `refreshToken`, so a failure leaves no half-issued session.
 */
export async function issueAuthPayload(
  jwt: JwtConfig,
  account: Account,
  sessionId: string,
  refreshToken: string,
): Promise<AuthPayload> {
  await waitForTokenCutoff(account.tokensValidAfter);
  const { token, expiresAt, tokenId } = await signerFor(jwt).sign({
    userId: account.id,
    role: account.role,
    sessionId,
  });
  return { accessToken: token, refreshToken, expiresAt, user: account, sessionId, tokenId };
}

/** Opens a session for the account: its first refresh token and an access token. */
export async function openSession(
  manager: EntityManager,
  jwt: JwtConfig,
  account: Account,
  client: ClientInfo,
): Promise<AuthPayload> {
  const session = await manager.getRepository(Session).save({
    accountId: account.id,
    userAgent: client.userAgent ?? null,
    ip: client.ip ?? null,
    lastUsedAt: new Date(),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  const refreshToken = await addRefreshToken(manager, session.id);
  return issueAuthPayload(jwt, account, session.id, refreshToken);
}
