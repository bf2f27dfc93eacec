import { errorCodes, testConfig, testLog } from '../../test/helpers';
import { InMemoryRevocationList } from '../shared/auth/revocations';
import { buildAuthSubgraph } from './subgraph';
import {
  PASSWORD,
  dataOf,
  firstError,
  startAuth,
  tokenWorks,
  type AuthHarness,
  type AuthPayloadResult,
  REFRESH,
} from './test-kit';

describe('auth sessions', () => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth();
  });
  afterAll(async () => auth?.stop());

  const refresh = (token: string) =>
    auth.post<{ refreshToken: AuthPayloadResult }>(REFRESH, { variables: { t: token } });

  const sessionRow = async (id: string) =>
    (
      await auth.query<{ revoked_at: Date | null; last_used_at: Date | null; ip: string | null }>(
        `SELECT "revoked_at", "last_used_at", "ip" FROM "auth"."sessions" WHERE "id" = $1`,
        [id],
      )
    )[0];

  describe('refreshToken', () => {
    it('rotates: the new refresh token works, the old one does not', async () => {
      const first = await auth.signUp();
      const { sid } = await auth.claims(first.accessToken);
      const rotated = await auth.post<{ refreshToken: AuthPayloadResult }>(REFRESH, {
        variables: { t: first.refreshToken },
        ip: '192.0.2.77',
      });
      expect(rotated.errors).toBeUndefined();
      const second = dataOf(rotated).refreshToken;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user).toEqual(first.user);
      expect(await auth.claims(second.accessToken)).toMatchObject({
        sub: first.user.id,
        role: 'STUDENT',
        sid,
      });
      expect(await tokenWorks(auth, second.accessToken)).toBe(true);
      expect(await sessionRow(sid)).toMatchObject({ revoked_at: null, ip: '192.0.2.77' });

      const third = await refresh(second.refreshToken);
      expect(third.errors).toBeUndefined();
      // Only hashes are stored, one per token of the family, all but the newest rotated.
      const tokens = await auth.query<{ token_hash: string; rotated: boolean }>(
        `SELECT "token_hash", "rotated_at" IS NOT NULL AS "rotated" FROM "auth"."refresh_tokens"
          WHERE "session_id" = $1 ORDER BY "created_at"`,
        [sid],
      );
      expect(tokens.map((t) => t.rotated)).toEqual([true, true, false]);
      expect(tokens.map((t) => t.token_hash)).not.toContain(first.refreshToken);
      expect(firstError(await refresh(first.refreshToken)).code).toBe('UNAUTHENTICATED');
    });

    it('detects reuse: a rotated token presented again revokes the whole session', async () => {
      const first = await auth.signUp();
      const { sid } = await auth.claims(first.accessToken);
      const second = dataOf(await refresh(first.refreshToken)).refreshToken;

      expect(firstError(await refresh(first.refreshToken)).code).toBe('UNAUTHENTICATED');
      // The newest token of the family and its access token stop working too.
      expect(firstError(await refresh(second.refreshToken)).code).toBe('UNAUTHENTICATED');
      expect(await tokenWorks(auth, second.accessToken)).toBe(false);
      expect(await tokenWorks(auth, first.accessToken)).toBe(false);
      expect((await sessionRow(sid))?.revoked_at).toBeInstanceOf(Date);
      // Other sessions of the account are not affected.
      const other = await auth.logIn(first.user.email, PASSWORD);
      expect(await tokenWorks(auth, dataOf(other).logIn.accessToken)).toBe(true);
    });

    it('presenting the same token twice at once rotates it once and revokes the session', async () => {
      const first = await auth.signUp();
      const results = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
      const codes = results.map((r) => firstError(r).code ?? 'OK').sort();
      expect(codes).toEqual(['OK', 'UNAUTHENTICATED']);
      const winner = dataOf(results.find((r) => r.data) ?? {}).refreshToken;
      expect(firstError(await refresh(winner.refreshToken)).code).toBe('UNAUTHENTICATED');
    });

    it('is UNAUTHENTICATED for an unknown token and for revoked or expired sessions', async () => {
      expect(firstError(await refresh('not-a-token')).code).toBe('UNAUTHENTICATED');

      const loggedOut = await auth.signUp();
      await auth.post('mutation { logOut }', { token: loggedOut.accessToken });
      expect(firstError(await refresh(loggedOut.refreshToken)).code).toBe('UNAUTHENTICATED');

      const expired = await auth.signUp();
      const { sid } = await auth.claims(expired.accessToken);
      await auth.query(
        `UPDATE "auth"."sessions" SET "expires_at" = now() - interval '1 second' WHERE "id" = $1`,
        [sid],
      );
      expect(firstError(await refresh(expired.refreshToken)).code).toBe('UNAUTHENTICATED');
      // An expired session is not a reuse: nothing was rotated.
      expect((await sessionRow(sid))?.revoked_at).toBeNull();
    });

    it('is FORBIDDEN for a suspended account whose session is still open', async () => {
      const payload = await auth.signUp();
      await auth.query(`UPDATE "auth"."accounts" SET "status" = 'SUSPENDED' WHERE "id" = $1`, [
        payload.user.id,
      ]);
      expect(firstError(await refresh(payload.refreshToken)).code).toBe('FORBIDDEN');
    });
  });

  describe('logOut', () => {
    it('ends the current session: its access token is refused at once, over HTTP', async () => {
      const payload = await auth.signUp();
      const other = dataOf(await auth.logIn(payload.user.email, PASSWORD)).logIn;
      expect(await tokenWorks(auth, payload.accessToken)).toBe(true);

      const body = await auth.post('mutation { logOut }', { token: payload.accessToken });
      expect(body).toEqual({ data: { logOut: true } });
      expect(await tokenWorks(auth, payload.accessToken)).toBe(false);
      const { sid } = await auth.claims(payload.accessToken);
      expect((await sessionRow(sid))?.revoked_at).toBeInstanceOf(Date);
      // The other device stays signed in.
      expect(await tokenWorks(auth, other.accessToken)).toBe(true);
    });

    it('is UNAUTHENTICATED when signed out', async () => {
      expect(errorCodes(await auth.run('mutation { logOut }'))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('logOutEverywhere', () => {
    it('ends every active session of the viewer and returns how many', async () => {
      const first = await auth.signUp();
      const second = dataOf(await auth.logIn(first.user.email, PASSWORD)).logIn;
      const third = dataOf(await auth.logIn(first.user.email, PASSWORD)).logIn;
      await auth.post('mutation { logOut }', { token: third.accessToken }); // already ended

      const body = await auth.post('mutation { logOutEverywhere }', { token: second.accessToken });
      expect(body).toEqual({ data: { logOutEverywhere: 2 } });
      expect(await tokenWorks(auth, first.accessToken)).toBe(false);
      expect(await tokenWorks(auth, second.accessToken)).toBe(false);
      expect(firstError(await refresh(first.refreshToken)).code).toBe('UNAUTHENTICATED');
      const [{ n } = { n: -1 }] = await auth.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "auth"."sessions"
          WHERE "account_id" = $1 AND "revoked_at" IS NULL`,
        [first.user.id],
      );
      expect(n).toBe(0);
    });

    it('is UNAUTHENTICATED when signed out', async () => {
      expect(errorCodes(await auth.run('mutation { logOutEverywhere }'))).toEqual([
        'UNAUTHENTICATED',
      ]);
    });
  });

  it('a restarted service restores the revocation list from the database', async () => {
    const payload = await auth.signUp();
    await auth.post('mutation { logOut }', { token: payload.accessToken });
    const claims = await auth.claims(payload.accessToken);

    const revocations = new InMemoryRevocationList();
    const restarted = buildAuthSubgraph(await testConfig(), testLog, { revocations });
    await restarted.start();
    try {
      const token = {
        sessionId: claims.sid,
        userId: claims.sub,
        issuedAt: new Date(claims.iat * 1000),
      };
      expect(await revocations.isRevoked(token)).toBe(true);
    } finally {
      await restarted.stop();
    }
  });
});
