import type Redis from 'ioredis';
import type { Logger } from '../logger';
import { connectRedis, redisReady } from '../redis/connection';
import type { SubgraphName } from '../topology';
import type { EventConsumer } from './bus';
import type { DomainEvent } from './catalog';
import { detachedFromCaller } from './event-tracing';
import {
  decodeEvent,
  errorMessage,
  parseAutoClaimReply,
  parseReadReply,
  redisKeys,
  type StreamEntry,
} from './redis-streams-shared';
import { Wakeable, backoffMs } from './wakeable';

/**
 * Marks this instance a live member of the group until ARGV[2] ms from now (Redis clock).
 * KEYS: members. ARGV: instance, live ms.
 */
const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * Keeps entries this member holds: each id still pending on this consumer gets its idle time
 * reset (XCLAIM to itself, JUSTID: the delivery count stays), so no other member's XAUTOCLAIM
 * takes it while it waits in a batch or is being handled. Check and reset are one step.
 * KEYS: stream[, the group's applied mark of the entry's event]. ARGV: group, consumer, ids.
 * Per id: 0 no longer ours (another member claimed it, or it was acknowledged), 1 kept,
 * 2 kept but the group already applied the event (handled earlier, the ack did not land).
 */
const KEEP = `
local kept = {}
for i = 3, #ARGV do
  local id = ARGV[i]
  if #redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1, ARGV[2]) == 0 then
    kept[#kept + 1] = 0
  else
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, id, 'JUSTID')
    if KEYS[2] and redis.call('EXISTS', KEYS[2]) == 1 then
      kept[#kept + 1] = 2
    else
      kept[#kept + 1] = 1
    end
  end
end
return kept`;

const KEPT = { lost: 0, kept: 1, applied: 2 } as const;

const heldKey = (entry: Pick<StreamEntry, 'stream' | 'id'>): string =>
  `${entry.stream} ${entry.id}`;

/** How many live members each group of KEYS has (Redis clock). */
export const LIVE_MEMBERS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('ZCOUNT', key, '(' .. now, '+inf')
end
return counts`;

export interface StreamConsumerOptions {
  redisUrl: string;
  /** The bus's connection for everything that does not block. */
  commands: Redis;
  instanceId: string;
  /**
   * Another member's entries idle this long are claimed. A member renews what it holds every
   * third of it, so this bounds how long a live member may stall, not how long a handler runs.
   */
  claimIdleMs: number;
  blockMs: number;
  count: number;
  /** A member's heartbeat lapses after this long. */
  liveMs: number;
  /** How long `campus:applied:*` marks are kept. */
  appliedTtlMs: number;
  onApplied: (group: string, event: DomainEvent) => void;
  log: Logger;
}

/**
 * One consumer group's member in this instance: reads the streams of the producers of
 * its types with XREADGROUP (consumer name: the instance id), hands each entry to the
 * group's handler and acknowledges it only once the handler resolved. Entries left pending
 * by a member that died are taken over with XAUTOCLAIM after `claimIdleMs`.
 *
 * One member at a time per entry: the entries a member read or claimed and has not
 * acknowledged are renewed (idle time reset) while it lives, and each is checked to be still
 * its own right before its handler runs; one that another member took over is left to it.
 */
export class StreamConsumer {
  private stopped = false;
  private reading = false;
  private blockingClientId: number | undefined;
  private readonly blocking: Redis;
  private readonly streams: string[];
  private readonly producerOf = new Map<string, SubgraphName>();
  private readonly wakeable = new Wakeable();
  private readonly done: Promise<void>;
  private readonly group: string;
  /** Entries read or claimed and not yet acknowledged or given up: renewed by `keeper`. */
  private readonly held = new Map<string, StreamEntry>();
  private readonly keeper: NodeJS.Timeout;
  private renewing = false;

  constructor(
    private readonly consumer: EventConsumer,
    producers: readonly SubgraphName[],
    private readonly options: StreamConsumerOptions,
  ) {
    this.group = consumer.group;
    for (const producer of producers) this.producerOf.set(redisKeys.stream(producer), producer);
    this.streams = [...this.producerOf.keys()];
    this.blocking = connectRedis(options.redisUrl, options.log, `events:${this.group}`, {
      blocking: true,
    });
    // A new connection has a new client id (for CLIENT UNBLOCK).
    this.blocking.on('ready', () => {
      this.blockingClientId = undefined;
    });
    this.keeper = setInterval(() => void this.renewHeld(), Math.max(1, options.claimIdleMs / 3));
    this.keeper.unref();
    this.done = detachedFromCaller(() => this.run());
  }

  /** Stops after the entry in hand (its handler finishes); others stay pending for a claim. */
  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.wakeable.wake();
      if (this.reading && this.blockingClientId !== undefined) {
        await this.options.commands
          .call('CLIENT', 'UNBLOCK', this.blockingClientId)
          .catch(() => undefined);
      }
    }
    await this.done;
    clearInterval(this.keeper);
    await this.options.commands
      .zrem(redisKeys.groupMembers(this.group), this.options.instanceId)
      .catch(() => undefined);
    this.blocking.disconnect();
  }

  private get log(): Logger {
    return this.options.log;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let groupsReady = false;
    /** Our own pending entries come first (after a start or a failure), then new ones. */
    let ownPendingFirst = true;
    let lastClaim = 0;
    let lastHeartbeat = 0;
    while (!this.stopped) {
      try {
        await redisReady(this.options.commands, 1_000);
        if (!groupsReady) {
          await this.ensureGroups();
          groupsReady = true;
        }
        if (Date.now() - lastHeartbeat >= this.options.liveMs / 4) {
          await this.heartbeat();
          lastHeartbeat = Date.now();
        }
        if (Date.now() - lastClaim >= this.options.claimIdleMs / 2) {
          await this.claimStale();
          lastClaim = Date.now();
        }
        if (this.stopped) break;
        const entries = await this.read(ownPendingFirst);
        if (ownPendingFirst && entries.length === 0) ownPendingFirst = false;
        await this.processAll(entries);
        failures = 0;
      } catch (error) {
        // Nothing is in flight here; what stays pending is read again ('0') below.
        this.held.clear();
        if (this.stopped) break;
        failures += 1;
        ownPendingFirst = true;
        // Redis restarted empty: the group has to be created again (from the start).
        if (errorMessage(error).includes('NOGROUP')) groupsReady = false;
        this.log.error({ err: error, failures }, 'reading the event streams failed; will retry');
        await this.wakeable.sleep(backoffMs(failures, 5_000));
      }
    }
  }

  /** Creates the group on every stream at 0 (a new group receives everything). */
  private async ensureGroups(): Promise<void> {
    for (const stream of this.streams) {
      try {
        await this.options.commands.call('XGROUP', 'CREATE', stream, this.group, '0', 'MKSTREAM');
      } catch (error) {
        if (!errorMessage(error).includes('BUSYGROUP')) throw error;
      }
    }
  }

  private async heartbeat(): Promise<void> {
    await this.options.commands.eval(
      HEARTBEAT,
      1,
      redisKeys.groupMembers(this.group),
      this.options.instanceId,
      String(this.options.liveMs),
    );
  }

  /** Takes over entries that stayed pending on any member longer than claimIdleMs. */
  private async claimStale(): Promise<void> {
    for (const stream of this.streams) {
      let start = '0-0';
      do {
        const reply = await this.options.commands.call(
          'XAUTOCLAIM',
          stream,
          this.group,
          this.options.instanceId,
          this.options.claimIdleMs,
          start,
          'COUNT',
          this.options.count,
        );
        const { next, entries } = parseAutoClaimReply(stream, reply);
        if (entries.length > 0) {
          this.log.warn({ stream, claimed: entries.length }, 'claimed entries of a stalled member');
        }
        await this.processAll(entries);
        if (this.stopped) return;
        start = next;
      } while (start !== '0-0' && !this.stopped);
    }
  }

  /** XREADGROUP on the blocking connection: new entries, or our own pending ones. */
  private async read(ownPending: boolean): Promise<StreamEntry[]> {
    if (this.blocking.status !== 'ready') await redisReady(this.blocking, 1_000);
    this.blockingClientId ??= (await this.blocking.call('CLIENT', 'ID')) as number;
    const args: (string | number)[] = ['GROUP', this.group, this.options.instanceId];
    args.push('COUNT', this.options.count);
    if (!ownPending) args.push('BLOCK', this.options.blockMs);
    args.push('STREAMS', ...this.streams, ...this.streams.map(() => (ownPending ? '0' : '>')));
    this.reading = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      // The connection has no command deadline; a read that outlives its BLOCK by far is
      // on a dead connection: drop it (ioredis reconnects).
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          this.blocking.disconnect(true);
          reject(new Error('XREADGROUP outlived its BLOCK timeout'));
        }, this.options.blockMs + 5_000);
      });
      if (this.stopped) return [];
      return parseReadReply(await Promise.race([this.blocking.call('XREADGROUP', args), deadline]));
    } finally {
      clearTimeout(timer);
      this.reading = false;
    }
  }

  /** Holds a batch (renewed while it waits), then processes it in order. */
  private async processAll(entries: readonly StreamEntry[]): Promise<void> {
    for (const entry of entries) this.held.set(heldKey(entry), entry);
    try {
      for (const entry of entries) {
        if (this.stopped) break;
        await this.process(entry);
      }
    } finally {
      // Left unprocessed (stopping): pending, for a claim or our next start.
      for (const entry of entries) this.held.delete(heldKey(entry));
    }
  }

  /** Applies one entry (retrying with backoff), records it applied, then acknowledges it. */
  private async process(entry: StreamEntry): Promise<void> {
    const producer = this.producerOf.get(entry.stream);
    const event = producer && entry.fields ? decodeEvent(producer, entry.fields) : undefined;
    if (!event) {
      if (entry.fields) {
        this.log.error({ stream: entry.stream, entryId: entry.id }, 'malformed entry; skipped');
      }
      await this.ack(entry);
      return;
    }
    if (!this.consumer.types.includes(event.type)) {
      await this.ack(entry);
      return;
    }
    const key = heldKey(entry);
    for (let failures = 0; ;) {
      // Another member may have taken it over (this one stalled past claimIdleMs, or rested
      // after a failure): then it is that member's to handle, not ours as well.
      const state = await this.keep(entry, event);
      if (state === KEPT.lost) {
        this.held.delete(key);
        return;
      }
      if (state === KEPT.applied) {
        // Handled before, but its ack did not land: acknowledge without handing it again.
        this.held.delete(key);
        await this.ack(entry);
        return;
      }
      this.held.set(key, entry);
      try {
        await this.consumer.handle(event);
        break;
      } catch (error) {
        failures += 1;
        this.log.error(
          { err: error, eventId: event.id, type: event.type, failures },
          'applying an event failed; will retry',
        );
        // Not renewed while resting: another member may claim it after claimIdleMs.
        this.held.delete(key);
        if (this.stopped) return;
        await this.wakeable.sleep(backoffMs(failures));
        if (this.stopped) return;
      }
    }
    await this.options.commands
      .set(redisKeys.applied(this.group, event.id), '1', 'PX', this.options.appliedTtlMs)
      .catch((error: unknown) => {
        this.log.warn({ err: error, eventId: event.id }, 'recording an applied event failed');
      });
    this.options.onApplied(this.group, event);
    await this.ack(entry);
  }

  private async ack(entry: StreamEntry): Promise<void> {
    await this.options.commands.xack(entry.stream, this.group, entry.id);
  }

  /** Checks an entry is still pending on this member, resets its idle time; see KEEP. */
  private async keep(entry: StreamEntry, event: DomainEvent): Promise<number> {
    const [state] = (await this.options.commands.eval(
      KEEP,
      2,
      entry.stream,
      redisKeys.applied(this.group, event.id),
      this.group,
      this.options.instanceId,
      entry.id,
    )) as number[];
    return state ?? KEPT.lost;
  }

  /** Resets the idle time of what this member holds; forgets what it no longer owns. */
  private async renewHeld(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    try {
      const byStream = new Map<string, string[]>();
      for (const entry of this.held.values()) {
        const ids = byStream.get(entry.stream) ?? [];
        ids.push(entry.id);
        byStream.set(entry.stream, ids);
      }
      for (const [stream, ids] of byStream) {
        const kept = (await this.options.commands.eval(
          KEEP,
          1,
          stream,
          this.group,
          this.options.instanceId,
          ...ids,
        )) as number[];
        ids.forEach((id, i) => {
          if (kept[i] === KEPT.lost) this.held.delete(heldKey({ stream, id }));
        });
      }
    } catch (error) {
      // The next renewal, or the check before handling, tries again.
      if (!this.stopped) this.log.warn({ err: error }, 'renewing held stream entries failed');
    } finally {
      this.renewing = false;
    }
  }
}
