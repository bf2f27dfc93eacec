import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { JwtConfig } from '../config';
import { AccessTokenSigner, AccessTokenVerifier, InvalidTokenError } from './tokens';

/** Pure logic: signing and verifying with a throw-away key pair. */
async function keys(): Promise<JwtConfig> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    publicKey: await exportSPKI(publicKey),
    privateKey: await exportPKCS8(privateKey),
    issuer: 'campus-auth',
    audience: 'campus',
    accessTokenTtlSeconds: 60,
  };
}

describe('AccessTokenVerifier', () => {
  it('verifies a token once and remembers it until it expires', async () => {
    const config = await keys();
    const { token } = await new AccessTokenSigner(config).sign({
      userId: 'u1',
      role: 'STUDENT',
      sessionId: 's1',
    });
    let now = Date.now();
    const verifier = new AccessTokenVerifier(config, () => now);
    const first = await verifier.verify(token);
    expect(first).toMatchObject({ sub: 'u1', role: 'STUDENT', sid: 's1' });
    // The same text again: the same claims object, no second verification.
    expect(await verifier.verify(token)).toBe(first);
    now = first.exp * 1000 + 1;
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('never remembers a token that failed, nor treats a changed token as a known one', async () => {
    const config = await keys();
    const { token } = await new AccessTokenSigner(config).sign({
      userId: 'u1',
      role: 'ADMIN',
      sessionId: 's1',
    });
    const verifier = new AccessTokenVerifier(config);
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature?.slice(0, -2)}AA`;
    await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
    const otherKeys = await keys();
    const stranger = new AccessTokenVerifier(otherKeys);
    await expect(stranger.verify(token)).rejects.toThrow(InvalidTokenError);
  });
});
