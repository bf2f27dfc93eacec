import { createHash } from 'node:crypto';
import {
  LOGIN_FAILURES_PER_EMAIL,
  LOGIN_FAILURES_PER_IP,
} from './services/login-rate-limit-policy';
import {
  PASSWORD,
  firstError,
  freshEmail,
  freshIp,
  startAuth,
  type AuthHarness,
  type GraphQLBody,
} from './test-kit';

const retryAfter = (body: GraphQLBody<unknown>) => body.errors?.[0]?.extensions?.retryAfterSeconds;

describe('logIn rate limits', () => {
  let auth: AuthHarness;
  beforeAll(async () => {
    auth = await startAuth();
  });
  afterAll(async () => auth?.stop());

  it('per email: after 5 failures the 6th attempt is RATE_LIMITED, even with the right password', async () => {
    const { user } = await auth.signUp();
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL.points; i += 1) {
      // From a different address each time: the email's own limit is what bites.
      expect(firstError(await auth.logIn(user.email, 'wrong-password', freshIp())).code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const limited = await auth.logIn(` ${user.email.toUpperCase()}`, PASSWORD, freshIp());
    expect(firstError(limited).code).toBe('RATE_LIMITED');
    const seconds = retryAfter(limited);
    expect(typeof seconds).toBe('number');
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(LOGIN_FAILURES_PER_EMAIL.durationSeconds);
    // Another account is not affected.
    const other = await auth.signUp();
    expect((await auth.logIn(other.user.email, PASSWORD)).errors).toBeUndefined();
  });

  it('counts unknown emails too', async () => {
    const email = freshEmail('ghost');
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL.points; i += 1) {
      expect(firstError(await auth.logIn(email, 'whatever-pw')).code).toBe('UNAUTHENTICATED');
    }
    expect(firstError(await auth.logIn(email, 'whatever-pw')).code).toBe('RATE_LIMITED');
  });

  it('only failures count: a successful login clears the email’s failures', async () => {
    const { user } = await auth.signUp();
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL.points - 1; i += 1) {
      await auth.logIn(user.email, 'wrong-password');
    }
    expect((await auth.logIn(user.email, PASSWORD)).errors).toBeUndefined();
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL.points; i += 1) {
      expect(firstError(await auth.logIn(user.email, 'wrong-password')).code).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect(firstError(await auth.logIn(user.email, PASSWORD)).code).toBe('RATE_LIMITED');
    // The counter lives in the library's table, keyed by a hash of the email.
    const key = `login-email:${createHash('sha256').update(user.email).digest('hex')}`;
    const [row] = await auth.query<{ points: number }>(
      `SELECT "points" FROM "auth"."login_rate_limits" WHERE "key" = $1`,
      [key],
    );
    expect(row?.points).toBe(LOGIN_FAILURES_PER_EMAIL.points + 1);
  });

  it('concurrent wrong guesses cannot slip past the limit', async () => {
    const { user } = await auth.signUp();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => auth.logIn(user.email, 'wrong-password')),
    );
    const codes = results.map((r) => firstError(r).code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(
      LOGIN_FAILURES_PER_EMAIL.points,
    );
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(
      12 - LOGIN_FAILURES_PER_EMAIL.points,
    );
  });

  it('per client address: failures across many emails are limited, successes do not count', async () => {
    const ip = freshIp();
    const { user } = await auth.signUp();
    // Successful logins from the address take nothing from its allowance.
    for (let i = 0; i < 3; i += 1) {
      expect((await auth.logIn(user.email, PASSWORD, ip)).errors).toBeUndefined();
    }
    for (let i = 0; i < LOGIN_FAILURES_PER_IP.points; i += 1) {
      expect(firstError(await auth.logIn(freshEmail('spray'), 'wrong-pw', ip)).code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const limited = await auth.logIn(user.email, PASSWORD, ip);
    expect(firstError(limited).code).toBe('RATE_LIMITED');
    expect(retryAfter(limited)).toBeGreaterThan(0);
    // The same account from another address is fine.
    expect((await auth.logIn(user.email, PASSWORD, freshIp())).errors).toBeUndefined();
  });
});
