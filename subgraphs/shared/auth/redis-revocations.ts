import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Logger } from '../logger';
import { InMemoryRevocationList, type RevocationList } from './revocations';

export const REVOKED_KEY_PREFIX = 'campus:revoked:';
export const revokedSessionKey = (sessionId: string): string =>
  `${REVOKED_KEY_PREFIX}session:${sessionId}`;
export const revokedUserBeforeKey = (userId: string): string =>
  `${REVOKED_KEY_PREFIX}user-before:${userId}`;
/** Where each revocation is announced, so every instance's local copy learns of it at once. */
export const REVOCATIONS_CHANNEL = 'campus:revocations';

const SESSION_PREFIX = revokedSessionKey('');
const USER_BEFORE_PREFIX = revokedUserBeforeKey('');
const SCAN_BATCH = 500;
const RESYNC_RETRY_MS = 1_000;

/**
 * Keeps the larger of the stored and the given value (ms since the epoch) and the longer of
 * the two lifetimes: revocations only ever widen, whatever order instances write in.
 * KEYS[1]; ARGV[1] the value, ARGV[2] its lifetime in ms.
 */
const KEEP_MAX_LUA = `
local value = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '')
if current and current > value then value = current end
local left = redis.call('PTTL', KEYS[1])
if left > ttl then ttl = left end
redis.call('SET', KEYS[1], string.format('%.0f', value), 'PX', ttl)
return 1
`;

type Announcement =
  | { origin: string; kind: 'sessions'; ids: string[]; until: number }
  | { origin: string; kind: 'user-before'; userId: string; before: number; until: number };

interface RevokedEntry {
  sessionIds?: string[];
  userBefore?: { userId: string; before: number };
  until: number;
}

export interface RedisRevocationListOptions {
  /** Commands (SET, SCAN, PUBLISH): the shared connection (`ctx.redis`) will do. */
  redis: Redis;
  /** A connection of this list's own, SUBSCRIBEd to `campus:revocations`. */
  subscriber: Redis;
  log: Logger;
  now?: () => number;
}

/**
 * The revocation list shared by every process through Redis.
 *
 * - Each revocation is a key that expires with the last token it concerns:
 *   `campus:revoked:session:<sessionId>` (value: until, PX until) and
 *   `campus:revoked:user-before:<userId>` (value: the latest issuedBefore, PX until), and is
 *   announced on `campus:revocations`.
 * - Every instance keeps a local copy (an InMemoryRevocationList) that the announcements
 *   feed at once; `isRevoked` reads only that copy, so it is fast and keeps answering while
 *   Redis is down. Each time both connections are (back) up, the instance subscribes and
 *   then loads every key (SCAN), so one that starts, or missed announcements in an outage,
 *   catches up.
 * - A revocation made while Redis is down takes effect in this instance's copy at once,
 *   and is written and announced again when Redis is back (kept in memory until then).
 *   Those of an instance that stopped meanwhile are in auth's tables: `onResynced` tells
 *   auth when Redis is back, so it can run restoreRevocations into this list again.
 *
 * Window of a token revoked while Redis is down: refused at once by the instance that
 * revoked it, and by every other instance from the moment Redis is back and the revocation
 * is re-published (the outage, plus the reconnect backoff of at most 2 s, plus one SCAN or
 * announcement). It never outlives the token's own expiry (15 minutes at most), and
 * revocations made before the outage keep working everywhere throughout it.
 */
export class RedisRevocationList implements RevocationList {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly local: InMemoryRevocationList;
  private readonly origin = randomUUID();
  /** Revocations not yet in Redis (written while it was down). */
  private unsent: RevokedEntry[] = [];
  private readonly resyncedListeners = new Set<() => Promise<void> | void>();
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  /** Subscribed and loaded since either connection last closed. */
  private synced = false;
  private everSynced = false;
  /** Bumped on each close: a sync that saw one cannot count as done. */
  private generation = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly onMessage = (channel: string, message: string) => {
    if (channel === REVOCATIONS_CHANNEL) void this.apply(message);
  };
  private readonly onReady = () => void this.resync();
  private readonly onClose = () => {
    this.synced = false;
    this.generation += 1;
  };

  constructor(options: RedisRevocationListOptions) {
    this.redis = options.redis;
    this.subscriber = options.subscriber;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.local = new InMemoryRevocationList(this.now);
    this.subscriber.on('message', this.onMessage);
    this.subscriber.on('ready', this.onReady);
    this.redis.on('ready', this.onReady);
    this.subscriber.on('close', this.onClose);
    this.redis.on('close', this.onClose);
    void this.resync();
  }

  /**
   * Resolves once subscribed and loaded (at start: `await list.ready()` before serving);
   * rejects after `timeoutMs` if Redis cannot be reached.
   */
  async ready(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.synced) {
      if (Date.now() > deadline) throw new Error(`Revocations not loaded within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * Called each time the list has caught up with Redis again after an outage (not at the
   * first load). Auth re-runs restoreRevocations(ctx) here, so revocations it recorded while
   * Redis was down, including those of instances that have stopped since, reach everyone.
   * Returns a function that removes the listener.
   */
  onResynced(listener: () => Promise<void> | void): () => void {
    this.resyncedListeners.add(listener);
    return () => this.resyncedListeners.delete(listener);
  }

  async revokeSessions(sessionIds: readonly string[], until: Date): Promise<void> {
    if (sessionIds.length === 0) return;
    const entry: RevokedEntry = { sessionIds: [...sessionIds], until: until.getTime() };
    await this.local.revokeSessions(sessionIds, until);
    await this.send(entry);
  }

  async revokeTokensIssuedBefore(userId: string, issuedBefore: Date, until: Date): Promise<void> {
    const entry: RevokedEntry = {
      userBefore: { userId, before: issuedBefore.getTime() },
      until: until.getTime(),
    };
    await this.local.revokeTokensIssuedBefore(userId, issuedBefore, until);
    await this.send(entry);
  }

  /** From the local copy only: no Redis round trip, and it works while Redis is down. */
  isRevoked(token: { sessionId: string; userId: string; issuedAt: Date }): Promise<boolean> {
    return this.local.isRevoked(token);
  }

  /** Stops listening (the connections belong to the caller, who closes them). */
  close(): void {
    this.subscriber.off('message', this.onMessage);
    this.subscriber.off('ready', this.onReady);
    this.redis.off('ready', this.onReady);
    this.subscriber.off('close', this.onClose);
    this.redis.off('close', this.onClose);
    this.resyncedListeners.clear();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /** A failed sync with both connections up (a deadline hit) is tried again shortly. */
  private retryLater(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed) void this.resync();
    }, RESYNC_RETRY_MS);
    this.retryTimer.unref();
  }

  /**
   * Writes and announces an entry; while Redis is down it is kept for the next resync
   * instead (the local copy already has it, and the caller's change is committed).
   */
  private async send(entry: RevokedEntry): Promise<void> {
    try {
      await this.write(entry);
    } catch (error) {
      this.log.warn({ err: error }, 'revocation not yet shared: Redis unavailable, kept to retry');
      this.unsent.push(entry);
    }
  }

  private async write(entry: RevokedEntry): Promise<void> {
    const ttl = entry.until - this.now();
    if (ttl <= 0) return;
    const pipeline = this.redis.pipeline();
    let announcement: Announcement;
    if (entry.sessionIds) {
      for (const id of entry.sessionIds) {
        pipeline.eval(KEEP_MAX_LUA, 1, revokedSessionKey(id), entry.until, ttl);
      }
      announcement = {
        origin: this.origin,
        kind: 'sessions',
        ids: entry.sessionIds,
        until: entry.until,
      };
    } else if (entry.userBefore) {
      const { userId, before } = entry.userBefore;
      pipeline.eval(KEEP_MAX_LUA, 1, revokedUserBeforeKey(userId), before, ttl);
      announcement = {
        origin: this.origin,
        kind: 'user-before',
        userId,
        before,
        until: entry.until,
      };
    } else {
      return;
    }
    pipeline.publish(REVOCATIONS_CHANNEL, JSON.stringify(announcement));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  private async apply(message: string): Promise<void> {
    let announcement: Announcement;
    try {
      announcement = JSON.parse(message) as Announcement;
    } catch (error) {
      this.log.warn({ err: error }, 'unreadable revocation announcement dropped');
      return;
    }
    if (announcement.origin === this.origin) return;
    if (announcement.kind === 'sessions') {
      await this.local.revokeSessions(announcement.ids, new Date(announcement.until));
    } else if (announcement.kind === 'user-before') {
      await this.local.revokeTokensIssuedBefore(
        announcement.userId,
        new Date(announcement.before),
        new Date(announcement.until),
      );
    }
  }

  /** One resync at a time; a `ready` during one runs another after it. */
  private resync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        await this.syncOnce();
      } while (this.syncAgain);
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /**
   * Subscribes first, then loads every key, so no revocation falls between the two; then
   * sends what was kept during an outage. Does nothing until both connections are ready
   * (the other one's `ready` starts it again).
   */
  private async syncOnce(): Promise<void> {
    if (this.synced) return;
    if (this.redis.status !== 'ready' || this.subscriber.status !== 'ready') return;
    const generation = this.generation;
    const first = !this.everSynced;
    try {
      await this.subscriber.subscribe(REVOCATIONS_CHANNEL);
      const loaded = await this.load();
      const unsent = this.unsent;
      this.unsent = [];
      for (const entry of unsent) await this.send(entry);
      if (generation !== this.generation) return;
      this.synced = true;
      this.everSynced = true;
      this.log.info({ loaded, resent: unsent.length }, 'revocation list synced with redis');
    } catch (error) {
      this.log.warn({ err: error }, 'revocation list not synced with redis; retrying');
      this.retryLater();
      return;
    }
    if (first) return;
    for (const listener of this.resyncedListeners) {
      try {
        await listener();
      } catch (error) {
        this.log.warn({ err: error }, 'revocation resync listener failed');
      }
    }
  }

  /**
   * Every revocation key into the local copy; returns how many were loaded. Sessions are
   * added per SCAN batch and expiry, since each addition to the local copy prunes it.
   */
  private async load(): Promise<number> {
    let cursor = '0';
    let loaded = 0;
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${REVOKED_KEY_PREFIX}*`,
        'COUNT',
        SCAN_BATCH,
      );
      cursor = next;
      if (keys.length === 0) continue;
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.get(key).pttl(key);
      const results = (await pipeline.exec()) ?? [];
      const now = this.now();
      const sessionsByUntil = new Map<number, string[]>();
      for (const [index, key] of keys.entries()) {
        const [valueError, value] = results[index * 2] ?? [];
        const [ttlError, ttl] = results[index * 2 + 1] ?? [];
        if (valueError || ttlError) throw valueError ?? ttlError;
        const stored = Number(value);
        if (typeof ttl !== 'number' || ttl <= 0 || !Number.isFinite(stored)) continue;
        if (key.startsWith(SESSION_PREFIX)) {
          // The value is the entry's end (the latest written), which PX mirrors.
          const sessions = sessionsByUntil.get(stored) ?? [];
          sessions.push(key.slice(SESSION_PREFIX.length));
          sessionsByUntil.set(stored, sessions);
        } else if (key.startsWith(USER_BEFORE_PREFIX)) {
          await this.local.revokeTokensIssuedBefore(
            key.slice(USER_BEFORE_PREFIX.length),
            new Date(stored),
            new Date(now + ttl),
          );
        } else {
          continue;
        }
        loaded += 1;
      }
      for (const [until, sessionIds] of sessionsByUntil) {
        await this.local.revokeSessions(sessionIds, new Date(until));
      }
    } while (cursor !== '0');
    return loaded;
  }
}
