import type Redis from 'ioredis';
import type { ServiceContext } from '../shared/context';
import { jsonCache, reviveDate, type JsonCache } from '../shared/cache/json-cache';
import type { Logger } from '../shared/logger';
import { Profile } from './entities/profile';

/** `user:{id}`: a profile as its row, for 5 minutes (only with Redis). */
export const PROFILE_CACHE_PREFIX = 'user:';
export const PROFILE_CACHE_TTL_MS = 5 * 60 * 1000;

const text = (value: unknown): value is string => typeof value === 'string';
const nullableText = (value: unknown): value is string | null => value === null || text(value);

/** A cached profile back as a Profile, or undefined when it is not one (then: a miss). */
function reviveProfile(json: unknown): Profile | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const v = json as Record<string, unknown>;
  const createdAt = reviveDate(v.createdAt);
  const updatedAt = reviveDate(v.updatedAt);
  if (
    !text(v.id) ||
    !text(v.firstName) ||
    !text(v.lastName) ||
    !nullableText(v.avatarUrl) ||
    !nullableText(v.bio) ||
    !nullableText(v.phone) ||
    !createdAt ||
    !updatedAt
  ) {
    return undefined;
  }
  return Object.assign(new Profile(), {
    id: v.id,
    firstName: v.firstName,
    lastName: v.lastName,
    avatarUrl: v.avatarUrl,
    bio: v.bio,
    phone: v.phone,
    createdAt,
    updatedAt,
  });
}

/**
 * The profile cache, or undefined without Redis. Ids are keyed in lower case, the way
 * PostgreSQL returns UUIDs, so a read and an invalidation always name the same key.
 */
export function profileCache(
  redis: Redis | undefined,
  log: Logger,
): JsonCache<Profile> | undefined {
  const cache = jsonCache(redis, {
    name: 'profiles',
    prefix: PROFILE_CACHE_PREFIX,
    ttlMs: PROFILE_CACHE_TTL_MS,
    revive: reviveProfile,
    log,
  });
  if (!cache) return undefined;
  const lower = (ids: readonly string[]) => ids.map((id) => id.toLowerCase());
  return {
    getMany: (ids) => cache.getMany(lower(ids)),
    setMany: (entries) => cache.setMany(entries.map(([id, p]) => [id.toLowerCase(), p] as const)),
    delete: (ids) => cache.delete(lower(ids)),
    invalidate: (ids) => cache.invalidate(lower(ids)),
  };
}

/**
 * After these profiles were created or changed, once committed: every instance reads them
 * afresh. A creation only needs a DEL (a profile that did not exist was never cached, and
 * no reader can have loaded it before its commit); a change also keeps out, for a few
 * seconds, a fill by a reader that loaded the row just before the commit.
 */
export async function invalidateProfiles(
  ctx: Pick<ServiceContext, 'redis' | 'log'>,
  ids: readonly string[],
  cause: 'created' | 'changed' = 'changed',
): Promise<void> {
  const cache = profileCache(ctx.redis, ctx.log);
  if (cause === 'created') await cache?.delete(ids);
  else await cache?.invalidate(ids);
}
