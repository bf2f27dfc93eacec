import { SpanKind } from '@opentelemetry/api';
import type Redis from 'ioredis';
import type { Logger } from '../logger';
import { redisReady } from '../redis/connection';
import { EVENT_ATTRIBUTES, detachedFromCaller, traceEventBatch } from './event-tracing';
import { START_OF_OUTBOX, type Outbox, type OutboxCursor, type OutboxRecord } from './outbox';
import { RELAY_CURSOR_GROUP, encodeEvent, redisKeys, typesOf } from './redis-streams-shared';
import { Wakeable, backoffMs } from './wakeable';

/**
 * Takes or extends the relay lock. KEYS: lock, marker. ARGV: instance, ttl ms.
 * Returns {held (0/1), marker exists (0/1)}.
 */
const ACQUIRE = `
local held = 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  held = 1
elseif redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  held = 1
end
return {held, redis.call('EXISTS', KEYS[2])}`;

/** Compare-and-delete. KEYS: lock. ARGV: instance. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** An outbox position as fixed-width text (xid8 and bigint fit 20 digits): Lua compares strings. */
const markerPosition = (cursor: OutboxCursor): string =>
  `${cursor.txid.padStart(20, '0')}:${cursor.position.padStart(20, '0')}`;
const MARKER_POSITION_LENGTH = markerPosition(START_OF_OUTBOX).length;

/**
 * Fenced publication: appends the batch only while this instance holds the lock, and
 * extends it. The marker holds the outbox position of the last entry appended (see
 * `markerPosition`); entries at or before it are skipped, so a batch published again (its
 * reply lost to a timeout, or a crash before the cursor was saved) is not appended twice.
 * KEYS: lock, stream, marker. ARGV: instance, ttl ms, from start (1/0), fields per entry,
 * then per entry its position and its fields. Returns the number of entries of the batch
 * (appended or already there), -1 when the lock is not ours, -2 when Redis lost what was
 * published before (marker gone).
 */
const PUBLISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local last = redis.call('GET', KEYS[3])
if ARGV[3] ~= '1' and not last then return -2 end
-- A marker of another shape (an older relay's) says nothing about positions.
if last and string.len(last) ~= ${MARKER_POSITION_LENGTH} then last = false end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local width = tonumber(ARGV[4])
local count = 0
for i = 5, #ARGV, width + 1 do
  local position = ARGV[i]
  if not last or position > last then
    redis.call('XADD', KEYS[2], '*', unpack(ARGV, i + 1, i + width))
    last = position
  end
  count = count + 1
end
redis.call('SET', KEYS[3], last or '1')
return count`;

const LOST_LOCK = -1;
const LOST_DATA = -2;

export interface RelayOptions {
  pollMs: number;
  lockTtlMs: number;
  batchSize: number;
}

const isStart = (cursor: OutboxCursor): boolean =>
  cursor.txid === START_OF_OUTBOX.txid && cursor.position === START_OF_OUTBOX.position;

/**
 * Publishes one producer's outbox to its stream, in (txid, position) order. Only the
 * instance holding `campus:relay-lock:<producer>` publishes (every append is fenced by the
 * lock inside a Lua script); the others wait for the lock to lapse. The place in the outbox
 * is the cursor `redis-relay` in the producer's outbox_cursors, saved only after the append
 * succeeded; a crash in between reads the batch again, and the position kept in the
 * marker keeps it from being appended twice.
 */
export class OutboxRelay {
  private stopped = false;
  private holding = false;
  private cursor: OutboxCursor | undefined;
  private readonly wakeable = new Wakeable();
  private readonly done: Promise<void>;
  private readonly lockKey: string;
  private readonly markerKey: string;
  private readonly streamKey: string;

  constructor(
    private readonly outbox: Outbox,
    private readonly redis: Redis,
    private readonly instanceId: string,
    private readonly options: RelayOptions,
    private readonly log: Logger,
  ) {
    this.lockKey = redisKeys.relayLock(outbox.producer);
    this.markerKey = redisKeys.relayMarker(outbox.producer);
    this.streamKey = redisKeys.stream(outbox.producer);
    this.done = detachedFromCaller(() => this.run());
  }

  wake(): void {
    this.wakeable.wake();
  }

  /** Stops publishing (after the batch in flight) and releases the lock. */
  async stop(): Promise<void> {
    if (this.stopped) return this.done;
    this.stopped = true;
    this.wake();
    await this.done;
    if (this.holding) {
      this.holding = false;
      await this.redis.eval(RELEASE, 1, this.lockKey, this.instanceId).catch((error: unknown) => {
        this.log.warn({ err: error }, 'releasing the relay lock failed; it lapses by itself');
      });
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.wakeable.reset();
      let idle = true;
      try {
        idle = !(await this.step());
        failures = 0;
      } catch (error) {
        failures += 1;
        // Someone else may publish meanwhile: start again from the saved cursor.
        this.holding = false;
        this.cursor = undefined;
        this.log.error({ err: error, failures }, 'relaying the outbox failed; will retry');
      }
      if (this.stopped) break;
      if (failures > 0) await this.wakeable.sleep(backoffMs(failures, 5_000));
      else if (idle) await this.wakeable.sleep(this.options.pollMs);
    }
  }

  /** One round: take or keep the lock, publish the next batch. Whether it published. */
  private async step(): Promise<boolean> {
    await redisReady(this.redis, 1_000);
    const [held, marker] = (await this.redis.eval(
      ACQUIRE,
      2,
      this.lockKey,
      this.markerKey,
      this.instanceId,
      String(this.options.lockTtlMs),
    )) as [number, number];
    if (held !== 1) {
      if (this.holding) this.log.warn('relay lock lost');
      this.holding = false;
      this.cursor = undefined;
      return false;
    }
    if (!this.holding || !this.cursor) {
      this.holding = true;
      this.cursor = await this.outbox.loadCursor(RELAY_CURSOR_GROUP);
      this.log.info({ instanceId: this.instanceId }, 'relay lock acquired; publishing');
    }
    if (marker !== 1 && !isStart(this.cursor)) this.rewind();
    const batch = await this.outbox.readAfter(
      this.cursor,
      typesOf(this.outbox.producer),
      this.options.batchSize,
    );
    const last = batch.at(-1);
    if (!last || this.stopped) return false;
    const fromStart = isStart(this.cursor);
    return traceEventBatch(
      'event.relay',
      SpanKind.PRODUCER,
      { [EVENT_ATTRIBUTES.producer]: this.outbox.producer },
      batch.map((record) => record.event),
      () => this.publishBatch(batch, last.cursor, fromStart),
    );
  }

  /** Appends a batch read from the outbox and moves the cursor past it. Whether it did. */
  private async publishBatch(
    batch: OutboxRecord[],
    last: OutboxCursor,
    fromStart: boolean,
  ): Promise<boolean> {
    const published = await this.publish(batch, fromStart);
    if (published === LOST_LOCK) {
      this.log.warn('relay lock lost before publishing');
      this.holding = false;
      this.cursor = undefined;
      return false;
    }
    if (published === LOST_DATA) {
      this.rewind();
      return true;
    }
    this.cursor = last;
    await this.outbox.saveCursor(RELAY_CURSOR_GROUP, last);
    return true;
  }

  /**
   * Redis no longer has what was published (it restarted without persistence): publish the
   * whole outbox again. Consumers apply each event once, so only what was lost takes effect.
   */
  private rewind(): void {
    this.log.warn('Redis lost published events; republishing the outbox from its start');
    this.cursor = START_OF_OUTBOX;
  }

  private async publish(batch: OutboxRecord[], fromStart: boolean): Promise<number> {
    const fields = batch.map((record) => encodeEvent(record.event, this.instanceId));
    const width = fields[0]?.length ?? 0;
    return (await this.redis.eval(
      PUBLISH,
      3,
      this.lockKey,
      this.streamKey,
      this.markerKey,
      this.instanceId,
      String(this.options.lockTtlMs),
      fromStart ? '1' : '0',
      String(width),
      ...batch.flatMap((record, i) => [markerPosition(record.cursor), ...(fields[i] ?? [])]),
    )) as number;
  }
}
