import type Redis from 'ioredis';
import type { Logger } from '../logger';

/**
 * A read-through cache of JSON values in Redis, for data PostgreSQL owns: a miss, a value
 * that no longer fits (`revive` says undefined) and Redis being down all read the same as
 * "not cached", so callers always fall back to PostgreSQL. Nothing here ever fails a request.
 */
export interface JsonCache<T> {
  /** One MGET: the value of each id, in order (undefined: not cached or Redis down). */
  getMany(ids: readonly string[]): Promise<(T | undefined)[]>;
  /**
   * One pipeline of SET … PX ttl NX. NX, so a value read from PostgreSQL before a concurrent
   * change never overwrites that change's invalidation marker (see `invalidate`).
   */
  setMany(entries: readonly (readonly [id: string, value: T])[]): Promise<void>;
  /** One DEL: for values that could not have been read before they existed (creations). */
  delete(ids: readonly string[]): Promise<void>;
  /**
   * Invalidates after a change has committed. Rather than a bare DEL it leaves a short-lived
   * marker that reads as a miss and that `setMany` (NX) cannot overwrite: a reader that
   * loaded the old row just before the commit cannot put it back once the change is done.
   * Until the marker expires, those ids are read from PostgreSQL.
   */
  invalidate(ids: readonly string[]): Promise<void>;
}

export interface JsonCacheOptions<T> {
  /** Names the cache in logs. */
  name: string;
  /** Key of an id: `${prefix}${id}` (e.g. `user:`). */
  prefix: string;
  ttlMs: number;
  /** The parsed JSON back as a value (Dates revived), or undefined when it does not fit. */
  revive: (json: unknown) => T | undefined;
  log: Logger;
  /** How long an invalidation keeps late fills out (default 10 s). */
  invalidationHoldMs?: number;
}

/** What `delete` leaves in a key; not JSON, so it can never be mistaken for a value. */
const INVALIDATED = '\u0000invalidated';
const DEFAULT_INVALIDATION_HOLD_MS = 10_000;

// Whether the last cache command on a connection failed: an outage is logged at warn once
// (and at debug after that), its end at info, however many requests pass in between.
const failing = new WeakMap<Redis, boolean>();

/** The cache over `redis`, or undefined without Redis (callers then use PostgreSQL only). */
export function jsonCache<T>(
  redis: Redis | undefined,
  options: JsonCacheOptions<T>,
): JsonCache<T> | undefined {
  if (!redis) return undefined;
  const { name, prefix, ttlMs, revive, log } = options;
  const holdMs = options.invalidationHoldMs ?? DEFAULT_INVALIDATION_HOLD_MS;
  const keyOf = (id: string): string => `${prefix}${id}`;

  /** Runs `command` against Redis, or returns `fallback` when Redis is down or fails. */
  const attempt = async <R>(what: string, fallback: R, command: () => Promise<R>): Promise<R> => {
    try {
      // No offline queue: a command would fail at once anyway; skip it while not ready.
      if (redis.status !== 'ready') throw new Error(`redis is ${redis.status}`);
      const result = await command();
      if (failing.get(redis)) log.info({ cache: name }, 'redis cache available again');
      failing.set(redis, false);
      return result;
    } catch (error) {
      if (failing.get(redis)) log.debug({ err: error, cache: name, what }, 'redis cache bypassed');
      else log.warn({ err: error, cache: name, what }, 'redis cache unavailable; bypassed');
      failing.set(redis, true);
      return fallback;
    }
  };

  /** Each command of a pipeline fails on its own: throw the first failure. */
  const checked = (results: [Error | null, unknown][] | null): void => {
    const failed = results?.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
  };

  const parse = (id: string, raw: string | null): T | undefined => {
    if (raw === null || raw === INVALIDATED) return undefined;
    try {
      return revive(JSON.parse(raw));
    } catch (error) {
      log.debug({ err: error, cache: name, id }, 'unreadable cached value; treated as a miss');
      return undefined;
    }
  };

  return {
    async getMany(ids) {
      if (ids.length === 0) return [];
      const misses: (T | undefined)[] = ids.map(() => undefined);
      const raws = await attempt<(string | null)[] | undefined>('mget', undefined, () =>
        redis.mget(ids.map(keyOf)),
      );
      return raws ? ids.map((id, i) => parse(id, raws[i] ?? null)) : misses;
    },

    async setMany(entries) {
      if (entries.length === 0) return;
      await attempt('set', undefined, async () => {
        const pipeline = redis.pipeline();
        for (const [id, value] of entries) {
          pipeline.set(keyOf(id), JSON.stringify(value), 'PX', ttlMs, 'NX');
        }
        checked(await pipeline.exec());
      });
    },

    async delete(ids) {
      if (ids.length === 0) return;
      await attempt('delete', undefined, async () => {
        await redis.del(ids.map(keyOf));
      });
    },

    async invalidate(ids) {
      if (ids.length === 0) return;
      await attempt('invalidate', undefined, async () => {
        const pipeline = redis.pipeline();
        for (const id of ids) pipeline.set(keyOf(id), INVALIDATED, 'PX', holdMs);
        checked(await pipeline.exec());
      });
    },
  };
}

/** For `revive`: an ISO timestamp from JSON as a Date, or undefined when it is not one. */
export function reviveDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
