import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: refresh tokens and the tokens sent by mail. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/**
 * Opaque tokens are stored only as this hash, so reading the database yields nothing that
 * can be presented. Plain SHA-256 suffices: the tokens carry 256 random bits, unlike passwords.
 */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
