import type { ServiceContext } from '../../shared/context';
import { jsonCache, type JsonCache } from '../../shared/cache/json-cache';

/** `course_registration:{viewerId}:{idempotencyKey}` → the id of the booking it made. */
export const REGISTRATION_CACHE_PREFIX = 'course_registration:';
/** As long as a key names its booking (contract: 24 hours). */
export const REGISTRATION_CACHE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Idempotency keys in Redis, in front of the (user_id, idempotency_key) unique constraint,
 * which stays the source of truth: a hit only says which booking to read, and the booking
 * is returned only if PostgreSQL still has it under that key within the window. Undefined
 * without Redis.
 */
export function registrationCache(
  ctx: Pick<ServiceContext, 'redis' | 'log'>,
): JsonCache<string> | undefined {
  return jsonCache(ctx.redis, {
    name: 'course-registrations',
    prefix: REGISTRATION_CACHE_PREFIX,
    ttlMs: REGISTRATION_CACHE_TTL_MS,
    revive: (json) => (typeof json === 'string' ? json : undefined),
    log: ctx.log,
  });
}

/** The cache id of a viewer's key: viewer ids are UUIDs (no colon), so it is unambiguous. */
export const registrationCacheId = (userId: string, idempotencyKey: string): string =>
  `${userId}:${idempotencyKey}`;
