import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { rateLimited } from '../../shared/errors';
import {
  LOGIN_FAILURES_PER_EMAIL,
  LOGIN_FAILURES_PER_IP,
  type FailurePolicy,
} from './login-rate-limit-policy';

interface LoginLimiters {
  byEmail: RateLimiterPostgres;
  byIp: RateLimiterPostgres;
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

// Built once per DataSource (the limiters hold no connection; they use its pool per query).
const limiters = new WeakMap<DataSource, LoginLimiters>();
function limitersFor(db: DataSource): LoginLimiters {
  let found = limiters.get(db);
  if (!found) {
    found = {
      byEmail: limiter(db, 'login-email', LOGIN_FAILURES_PER_EMAIL),
      byIp: limiter(db, 'login-ip', LOGIN_FAILURES_PER_IP),
    };
    limiters.set(db, found);
  }
  return found;
}

// Keys fit the varchar(255) column whatever was typed, and the table holds no addresses.
const emailKey = (email: string): string => createHash('sha256').update(email).digest('hex');
const ipKey = (ip: string): string => ip.slice(0, 200);

const retryAfterSeconds = (res: RateLimiterRes): number =>
  Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Consumes a point; a rejection with RateLimiterRes means the limit is reached. */
async function consumeOrLimit(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
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
 */
export async function startLoginAttempt(
  db: DataSource,
  email: string,
  ip: string | undefined,
): Promise<LoginAttempt> {
  const { byEmail, byIp } = limitersFor(db);
  if (ip) await consumeOrLimit(byIp, ipKey(ip));
  await consumeOrLimit(byEmail, emailKey(email));
  return {
    async succeeded() {
      await byEmail.delete(emailKey(email));
      if (ip) await byIp.reward(ipKey(ip));
    },
  };
}

/** Forgets an email's failed logins (after a password reset proves who they are). */
export async function clearLoginFailures(db: DataSource, email: string): Promise<void> {
  await limitersFor(db).byEmail.delete(emailKey(email));
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
