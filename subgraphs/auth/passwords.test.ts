import { errorCodes } from '../../test/helpers';
import { LOGIN_FAILURES_PER_EMAIL } from './services/login-rate-limit-policy';
import { hashToken } from './services/opaque-tokens';
import {
  PASSWORD,
  dataOf,
  firstError,
  freshEmail,
  freshIp,
  startAuth,
  tokenIn,
  tokenWorks,
  type AuthHarness,
} from './test-kit';

const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }`;
const NEW_PASSWORD = 'a-brand-new-password';

describe('auth passwords', () => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth();
  });
  afterAll(async () => auth?.stop());

  describe('changePassword', () => {
    it('changes the password and ends the other sessions, keeping this one', async () => {
      const here = await auth.signUp();
      const elsewhere = dataOf(await auth.logIn(here.user.email, PASSWORD)).logIn;

      const body = await auth.post(CHANGE, {
        token: here.accessToken,
        variables: { c: PASSWORD, n: NEW_PASSWORD },
      });
      expect(body).toEqual({ data: { changePassword: true } });
      expect(await tokenWorks(auth, here.accessToken)).toBe(true);
      expect(await tokenWorks(auth, elsewhere.accessToken)).toBe(false);
      expect(firstError(await auth.logIn(here.user.email, PASSWORD)).code).toBe('UNAUTHENTICATED');
      expect((await auth.logIn(here.user.email, NEW_PASSWORD)).errors).toBeUndefined();
    });

    it('names the wrong field: currentPassword when wrong, newPassword when too short', async () => {
      const payload = await auth.signUp();
      const wrong = await auth.post(CHANGE, {
        token: payload.accessToken,
        variables: { c: 'not-my-password', n: NEW_PASSWORD },
      });
      expect(firstError(wrong)).toEqual({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      const short = await auth.post(CHANGE, {
        token: payload.accessToken,
        variables: { c: PASSWORD, n: 'short' },
      });
      expect(firstError(short)).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      // Nothing changed.
      expect((await auth.logIn(payload.user.email, PASSWORD)).errors).toBeUndefined();
    });

    it('counts wrong current passwords as failed logins (RATE_LIMITED after 5)', async () => {
      const payload = await auth.signUp();
      const attempt = (current: string) =>
        auth.post(CHANGE, {
          token: payload.accessToken,
          variables: { c: current, n: NEW_PASSWORD },
        });
      for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL.points; i += 1) {
        expect(firstError(await attempt('guess-' + i)).field).toBe('currentPassword');
      }
      expect(firstError(await attempt(PASSWORD)).code).toBe('RATE_LIMITED');
    });

    it('is UNAUTHENTICATED when signed out', async () => {
      const body = await auth.run(CHANGE, { variables: { c: PASSWORD, n: NEW_PASSWORD } });
      expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('requestPasswordReset', () => {
    it('is true for an unknown email and mails nothing', async () => {
      const email = freshEmail('nobody');
      expect((await auth.run(REQUEST, { variables: { e: email } })).data).toEqual({
        requestPasswordReset: true,
      });
      const rows = await auth.query(`SELECT 1 FROM "auth"."mail_outbox" WHERE "recipient" = $1`, [
        email,
      ]);
      expect(rows).toEqual([]);
    });

    it('mails a hashed, single-use token valid 30 minutes; a new request retires the old token', async () => {
      const { user } = await auth.signUp();
      const asked = await auth.run(REQUEST, { variables: { e: ` ${user.email.toUpperCase()}` } });
      expect(asked.data).toEqual({ requestPasswordReset: true });
      const first = tokenIn(await auth.mail.waitFor(user.email, 'Reset'));

      const rows = await auth.query<{ token_hash: string; minutes: number }>(
        `SELECT "token_hash", round(extract(epoch FROM "expires_at" - "created_at") / 60)::int AS "minutes"
           FROM "auth"."one_time_tokens" WHERE "account_id" = $1 AND "purpose" = 'PASSWORD_RESET'`,
        [user.id],
      );
      expect(rows).toEqual([{ token_hash: expect.any(String), minutes: 30 }]);
      // Stored only as its hash.
      expect(rows[0]?.token_hash).toBe(hashToken(first));

      await auth.run(REQUEST, { variables: { e: user.email } });
      const second = tokenIn(await auth.mail.waitFor(user.email, 'Reset', 1));
      const old = await auth.run(RESET, { variables: { t: first, n: NEW_PASSWORD } });
      expect(firstError(old)).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
      const fresh = await auth.run(RESET, { variables: { t: second, n: NEW_PASSWORD } });
      expect(fresh.data).toEqual({ resetPassword: true });
    });
  });

  describe('resetPassword', () => {
    const resetToken = async (email: string, previousMails = 0) => {
      await auth.run(REQUEST, { variables: { e: email } });
      return tokenIn(await auth.mail.waitFor(email, 'Reset', previousMails));
    };

    it('sets the password, ends every session, verifies the email, works once', async () => {
      const payload = await auth.signUp();
      const other = dataOf(await auth.logIn(payload.user.email, PASSWORD)).logIn;
      const token = await resetToken(payload.user.email);

      const body = await auth.run(RESET, { variables: { t: token, n: NEW_PASSWORD } });
      expect(body).toEqual({ data: { resetPassword: true } });
      expect(await tokenWorks(auth, payload.accessToken)).toBe(false);
      expect(await tokenWorks(auth, other.accessToken)).toBe(false);
      expect(firstError(await auth.logIn(payload.user.email, PASSWORD)).code).toBe(
        'UNAUTHENTICATED',
      );
      const signedIn = await auth.logIn(payload.user.email, NEW_PASSWORD);
      expect(signedIn.errors).toBeUndefined();
      const [row] = await auth.query<{ email_verified: boolean }>(
        `SELECT "email_verified" FROM "auth"."accounts" WHERE "id" = $1`,
        [payload.user.id],
      );
      expect(row?.email_verified).toBe(true);

      const again = await auth.run(RESET, { variables: { t: token, n: 'yet-another-password' } });
      expect(firstError(again)).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
    });

    it('used twice at once: exactly one succeeds', async () => {
      const { user } = await auth.signUp();
      const token = await resetToken(user.email);
      const results = await Promise.all(
        [1, 2, 3].map(() => auth.run(RESET, { variables: { t: token, n: NEW_PASSWORD } })),
      );
      expect(results.filter((r) => r.data?.resetPassword === true)).toHaveLength(1);
      expect(results.filter((r) => firstError(r).field === 'token')).toHaveLength(2);
    });

    it('refuses an expired, an unknown token and a short password, naming the field', async () => {
      const { user } = await auth.signUp();
      const token = await resetToken(user.email);
      const short = await auth.run(RESET, { variables: { t: token, n: 'short' } });
      expect(firstError(short)).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });

      await auth.query(
        `UPDATE "auth"."one_time_tokens" SET "expires_at" = now() - interval '1 second'
          WHERE "account_id" = $1 AND "purpose" = 'PASSWORD_RESET'`,
        [user.id],
      );
      const expired = await auth.run(RESET, { variables: { t: token, n: NEW_PASSWORD } });
      expect(firstError(expired)).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
      const unknown = await auth.run(RESET, { variables: { t: 'made-up', n: NEW_PASSWORD } });
      expect(firstError(unknown)).toEqual({ code: 'BAD_USER_INPUT', field: 'token' });
      expect((await auth.logIn(user.email, PASSWORD)).errors).toBeUndefined();
    });

    it("resets the email's login rate limit", async () => {
      const { user } = await auth.signUp();
      for (let i = 0; i <= LOGIN_FAILURES_PER_EMAIL.points; i += 1) {
        await auth.logIn(user.email, 'wrong-password', freshIp());
      }
      expect(firstError(await auth.logIn(user.email, PASSWORD)).code).toBe('RATE_LIMITED');

      const token = await resetToken(user.email);
      await auth.run(RESET, { variables: { t: token, n: NEW_PASSWORD } });
      expect((await auth.logIn(user.email, NEW_PASSWORD)).errors).toBeUndefined();
    });
  });
});
