import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import {
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { ServiceContext } from '../../shared/context';
import { rateLimited } from '../../shared/errors';
import {
  LOGIN_FAILURES_PER_EMAIL,
  LOGIN_FAILURES_PER_IP,
  type FailurePolicy,
} from './login-rate-limit-policy';
import { countIfRateLimited } from './login-rate-limit-metrics';

interface LoginLimiters {
  byEmail: RateLimiterStoreAbstract;
  byIp: RateLimiterStoreAbstract;
  /**
   * Redis only: the store could not answer (Redis down). Login then fails closed: no
   * attempt goes through uncounted, and the client is told to retry shortly.
   */
  storeUnavailable?: () => Error;
}

const limiter = (db: DataSource, keyPrefix: string, policy: FailurePolicy) =>
  new RateLimiterPostgres({
    storeClient: db,
    storeType: 'typeorm',
    schemaName: 'auth',
    tableName: 'login_rate_limits',
    // The migration owns the table; expired rows are cleared on start (clearExpiredLoginLimits).
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points: policy.points,
    duration: policy.durationSeconds,
  });

/** Seconds a client is told to wait while the shared counters are unreachable. */
export const LOGIN_UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * RATE_LIMITED rather than a masked internal error: clients already handle it (wait
 * `retryAfterSeconds`, try again), and it refuses the attempt, right password or not.
 */
export const loginTemporarilyUnavailable = (): Error =>
  rateLimited(
    LOGIN_UNAVAILABLE_RETRY_SECONDS,
    'Signing in is temporarily unavailable. Try again in a few seconds.',
  );

/**
 * With Redis (`ctx.redis`), counters every auth instance shares: the same points and
 * windows, one key per email hash or address (`campus:login-email:<sha256>`,
 * `campus:login-ip:<address>`), expiring with their window. rejectIfRedisNotReady: while
 * Redis is down the check fails at once instead of waiting for a deadline.
 */
const redisLimiter = (redis: Redis, keyPrefix: string, policy: FailurePolicy) =>
  new RateLimiterRedis({
    storeClient: redis,
    rejectIfRedisNotReady: true,
    keyPrefix: `campus:${keyPrefix}`,
    points: policy.points,
    duration: policy.durationSeconds,
  });

// Built once per DataSource or Redis connection (the limiters hold no connection of their
// own: they use its pool, or the shared connection, per call).
const limiters = new WeakMap<DataSource | Redis, LoginLimiters>();
function limitersFor(ctx: Pick<ServiceContext, 'db' | 'redis'>): LoginLimiters {
  const { db, redis } = ctx;
  const store = redis ?? db;
  let found = limiters.get(store);
  if (!found) {
    found = redis
      ? {
          byEmail: redisLimiter(redis, 'login-email', LOGIN_FAILURES_PER_EMAIL),
          byIp: redisLimiter(redis, 'login-ip', LOGIN_FAILURES_PER_IP),
          storeUnavailable: loginTemporarilyUnavailable,
        }
      : {
          byEmail: limiter(db, 'login-email', LOGIN_FAILURES_PER_EMAIL),
          byIp: limiter(db, 'login-ip', LOGIN_FAILURES_PER_IP),
        };
    limiters.set(store, found);
  }
  return found;
}

/** `action` on the limiters' store; a store failure becomes `storeUnavailable` when given. */
async function onStore<T>(limiters: LoginLimiters, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof RateLimiterRes || !limiters.storeUnavailable) throw error;
    throw limiters.storeUnavailable();
  }
}

// Keys fit the varchar(255) column whatever was typed, and the table holds no addresses.
const emailKey = (email: string): string => createHash('sha256').update(email).digest('hex');
const ipKey = (ip: string): string => ip.slice(0, 200);

const retryAfterSeconds = (res: RateLimiterRes): number =>
  Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Consumes a point; a rejection with RateLimiterRes means the limit is reached. */
async function consumeOrLimit(
  limiters: LoginLimiters,
  limiter: RateLimiterStoreAbstract,
  key: string,
): Promise<void> {
  try {
    await onStore(limiters, () => limiter.consume(key));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw rateLimited(retryAfterSeconds(rejection), 'Too many failed attempts. Try again later.');
    }
    throw rejection;
  }
}

export interface LoginAttempt {
  /** The password was right: the email's failures are forgotten, the address's point returned. */
  succeeded(): Promise<void>;
}

/**
 * Called BEFORE the password is checked, so a limited email is refused even with the right
 * password (RATE_LIMITED with retryAfterSeconds). The attempt is counted up front, in one
 * atomic upsert per key: concurrent guesses cannot all slip under the limit, as they could
 * if the count were read first and raised only after a failure. `succeeded()` takes the
 * point back, so in the end only failures count. An unknown address (no client IP) is not
 * limited per address.
 *
 * The counters live in Redis when `ctx.redis` is set (shared by every auth instance), else
 * in auth's table. Redis down: RATE_LIMITED with a short retryAfterSeconds and a message
 * saying signing in is temporarily unavailable (loginTemporarilyUnavailable); never an
 * attempt that is not counted.
 */
export async function startLoginAttempt(
  ctx: Pick<ServiceContext, 'db' | 'redis' | 'metrics'>,
  email: string,
  ip: string | undefined,
): Promise<LoginAttempt> {
  const limiters = limitersFor(ctx);
  const { byEmail, byIp } = limiters;
  try {
    if (ip) await consumeOrLimit(limiters, byIp, ipKey(ip));
    await consumeOrLimit(limiters, byEmail, emailKey(email));
  } catch (error) {
    countIfRateLimited(ctx.metrics, error);
    throw error;
  }
  return {
    async succeeded() {
      await onStore(limiters, () => byEmail.delete(emailKey(email)));
      if (ip) await onStore(limiters, () => byIp.reward(ipKey(ip)));
    },
  };
}

/** Forgets an email's failed logins (after a password reset proves who they are). */
export async function clearLoginFailures(
  ctx: Pick<ServiceContext, 'db' | 'redis'>,
  email: string,
): Promise<void> {
  const limiters = limitersFor(ctx);
  await onStore(limiters, () => limiters.byEmail.delete(emailKey(email)));
}

/**
 * Deletes counters whose window ended over an hour ago, as the library's own timer would
 * (that timer is off: one per limiter per process is not needed; this runs on start).
 */
export async function clearExpiredLoginLimits(db: DataSource): Promise<void> {
  await db.query(`DELETE FROM "auth"."login_rate_limits" WHERE "expire" < $1`, [
    Date.now() - 3_600_000,
  ]);
}
