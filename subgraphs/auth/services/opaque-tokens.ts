import { createHash, randomBytes } from 'node:crypto';
import { exactText } from '../../shared/validation';

/** 32 random bytes, base64url: refresh tokens and the tokens sent by mail. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

/**
 * Opaque tokens are stored only as this hash, so reading the database yields nothing that
 * can be presented. Plain SHA-256 suffices: the tokens carry 256 random bits, unlike passwords.
 */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

// Tokens made here are 43 characters; anything far longer was not.
const MAX_TOKEN_LENGTH = 256;

/** A token the client sends back: plain text of a bounded length, else BAD_USER_INPUT. */
export const presentedToken = (field: string, token: string): string =>
  exactText(field, token, MAX_TOKEN_LENGTH);
