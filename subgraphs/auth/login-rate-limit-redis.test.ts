import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import {
  redisServerAvailable,
  type TestRedis,
  startRedisForTwoInstances,
  type RedisForTwoInstances,
} from '../../test/redis-server';
import { redisReady } from '../shared/redis/connection';
import {
  LOGIN_FAILURES_PER_EMAIL,
  LOGIN_FAILURES_PER_IP,
} from './services/login-rate-limit-policy';
import { LOGIN_UNAVAILABLE_RETRY_SECONDS } from './services/login-rate-limit';
import {
  PASSWORD,
  firstError,
  freshEmail,
  freshIp,
  startAuth,
  type AuthHarness,
  type GraphQLBody,
} from './test-kit';

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

const retryAfter = (body: GraphQLBody<unknown>) => body.errors?.[0]?.extensions?.retryAfterSeconds;
const emailKey = (email: string) =>
  `campus:login-email:${createHash('sha256').update(email).digest('hex')}`;

describeWithRedis('logIn rate limits on Redis, shared by auth instances', () => {
  let redis: TestRedis;
  let probe: Redis;
  let redisA: Redis;
  let redisB: Redis;
  let shared: RedisForTwoInstances | undefined;
  let a: AuthHarness;
  let b: AuthHarness;

  const pgRows = async (email: string) =>
    a.query<{ points: number }>(
      `SELECT "points" FROM "auth"."login_rate_limits" WHERE "key" = $1`,
      [`login-email:${createHash('sha256').update(email).digest('hex')}`],
    );

  beforeAll(async () => {
    shared = await startRedisForTwoInstances('auth');
    ({ server: redis, probe, a: redisA, b: redisB } = shared);
    a = await startAuth({ runtime: { redis: redisA } });
    b = await startAuth({ runtime: { redis: redisB } });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.close();
  });
  beforeEach(async () => {
    await shared?.ensureUp();
  });

  it('failures through instance A count on instance B (one counter, in Redis)', async () => {
    const { user } = await a.signUp();
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL.points; i += 1) {
      const instance = i % 2 === 0 ? a : b;
      expect(firstError(await instance.logIn(user.email, 'wrong-password', freshIp())).code).toBe(
        'UNAUTHENTICATED',
      );
    }
    // Neither instance alone saw 5 failures; together they did.
    for (const instance of [a, b]) {
      const limited = await instance.logIn(user.email, PASSWORD, freshIp());
      expect(firstError(limited).code).toBe('RATE_LIMITED');
      expect(retryAfter(limited)).toBeGreaterThan(0);
      expect(retryAfter(limited)).toBeLessThanOrEqual(LOGIN_FAILURES_PER_EMAIL.durationSeconds);
    }
    expect(Number(await probe.get(emailKey(user.email)))).toBe(LOGIN_FAILURES_PER_EMAIL.points + 2);
    const ttl = await probe.pttl(emailKey(user.email));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(LOGIN_FAILURES_PER_EMAIL.durationSeconds * 1000);
    // The PostgreSQL table is not used when Redis is.
    expect(await pgRows(user.email)).toHaveLength(0);
  });

  it('a success through B clears failures counted through A; address counters are shared too', async () => {
    const ip = freshIp();
    const { user } = await a.signUp();
    for (let i = 0; i < LOGIN_FAILURES_PER_EMAIL.points - 1; i += 1) {
      await a.logIn(user.email, 'wrong-password', ip);
    }
    expect(Number(await probe.get(`campus:login-ip:${ip}`))).toBe(
      LOGIN_FAILURES_PER_EMAIL.points - 1,
    );
    expect((await b.logIn(user.email, PASSWORD, ip)).errors).toBeUndefined();
    // The email's failures are forgotten; the address keeps only its failures.
    expect(await probe.exists(emailKey(user.email))).toBe(0);
    expect(Number(await probe.get(`campus:login-ip:${ip}`))).toBe(
      LOGIN_FAILURES_PER_EMAIL.points - 1,
    );
    expect(LOGIN_FAILURES_PER_IP.points).toBeGreaterThan(LOGIN_FAILURES_PER_EMAIL.points);
  });

  it('Redis down: login is refused clearly, even with the right password, never let through', async () => {
    const { user } = await a.signUp();
    await redis.kill();
    for (const instance of [a, b]) {
      for (const password of [PASSWORD, 'wrong-password']) {
        const refused = await instance.logIn(user.email, password, freshIp());
        expect(refused.data?.logIn ?? null).toBeNull();
        expect(firstError(refused).code).toBe('RATE_LIMITED');
        expect(retryAfter(refused)).toBe(LOGIN_UNAVAILABLE_RETRY_SECONDS);
        expect(refused.errors?.[0]?.message).toMatch(/temporarily unavailable/);
      }
    }
    // Without a client address only the email's counter applies: refused all the same.
    const unknownAddress = await a.logIn(freshEmail('ghost'), PASSWORD, '');
    expect(firstError(unknownAddress).code).toBe('RATE_LIMITED');
    // No session was opened for the account meanwhile.
    const sessions = await a.query<{ count: string }>(
      `SELECT count(*) AS "count" FROM "auth"."sessions" WHERE "account_id" = $1`,
      [user.id],
    );
    expect(Number(sessions[0]?.count)).toBe(1); // the one signUp opened

    // Redis back: signing in works again.
    await redis.start();
    await Promise.all([probe, redisA, redisB].map((r) => redisReady(r, 10_000)));
    expect((await b.logIn(user.email, PASSWORD, freshIp())).errors).toBeUndefined();
  });
});
