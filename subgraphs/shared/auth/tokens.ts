import { randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, importPKCS8, importSPKI, jwtVerify } from 'jose';
import type { JwtConfig } from '../config';
import type { Role } from './viewer';

const ALGORITHM = 'ES256';

/** The claims Campus puts in an access token (contract: `sub`, `role`, `jti`). */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  jti: string;
  /** The auth session the token was issued for. */
  sid: string;
  exp: number;
  /** Issued at, in seconds. */
  iat: number;
}

export class InvalidTokenError extends Error {}

const ROLES: ReadonlySet<string> = new Set<Role>(['STUDENT', 'INSTRUCTOR', 'ADMIN']);

/** Distinct tokens whose verification is remembered; the oldest is forgotten first. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Verifies access tokens with the public key; every service holds one. A token's signature
 * and claims cannot change, so a verified token is remembered (by its exact text) until it
 * expires: each distinct token costs one ES256 verification per process, not one per
 * request. Revocation is not cached: callers check it on every request.
 */
export class AccessTokenVerifier {
  private readonly key: ReturnType<typeof importSPKI>;
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly config: JwtConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.key = importSPKI(config.publicKey, ALGORITHM);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 > this.now()) return known;
      this.verified.delete(token);
      throw new InvalidTokenError('Token has expired.');
    }
    const claims = await this.verifySignature(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, claims);
    return claims;
  }

  private async verifySignature(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: [ALGORITHM],
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      });
      const { sub, role, jti, sid, exp, iat } = payload;
      if (typeof role !== 'string' || !ROLES.has(role) || typeof sid !== 'string') {
        throw new InvalidTokenError('Token claims are malformed.');
      }
      return {
        sub: sub as string,
        role: role as Role,
        jti: jti as string,
        sid,
        exp: exp as number,
        iat: iat as number,
      };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('Token has expired.');
      if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError('Token is invalid.');
      throw error;
    }
  }
}

/** Signs access tokens with the private key; only the auth subgraph constructs one. */
export class AccessTokenSigner {
  private readonly key: ReturnType<typeof importPKCS8>;

  constructor(private readonly config: JwtConfig) {
    if (!config.privateKey) throw new Error('JWT_PRIVATE_KEY is required to sign tokens.');
    this.key = importPKCS8(config.privateKey, ALGORITHM);
  }

  async sign(input: { userId: string; role: Role; sessionId: string }): Promise<{
    token: string;
    tokenId: string;
    expiresAt: Date;
  }> {
    const tokenId = randomUUID();
    const expiresAt = new Date(Date.now() + this.config.accessTokenTtlSeconds * 1000);
    const token = await new SignJWT({ role: input.role, sid: input.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(input.userId)
      .setJti(tokenId)
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await this.key);
    return { token, tokenId, expiresAt };
  }
}

/** `Bearer <token>` → token; anything else that is present is malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw new InvalidTokenError('Authorization header must be "Bearer <token>".');
  return match[1];
}
