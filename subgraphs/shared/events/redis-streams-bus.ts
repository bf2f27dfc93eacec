import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Redis from 'ioredis';
import type { Logger } from '../logger';
import { connectRedis } from '../redis/connection';
import type { SubgraphName } from '../topology';
import type { Detach, EventBus, EventConsumer } from './bus';
import { EVENT_PRODUCERS, type DomainEvent } from './catalog';
import type { Outbox } from './outbox';
import { OutboxRelay } from './redis-relay';
import { LIVE_MEMBERS, StreamConsumer } from './redis-stream-consumer';
import { redisKeys } from './redis-streams-shared';
import { tracedConsumer } from './traced-consumer';
import { Wakeable } from './wakeable';

export interface RedisStreamsEventBusOptions {
  redisUrl: string;
  log: Logger;
  /** Names this instance: its consumer name in every group, the relay lock's value. */
  instanceId?: string;
  /**
   * Entries pending this long on a member are taken over by another (XAUTOCLAIM). A live
   * member renews what it holds every third of this, however long its handler takes.
   */
  claimIdleMs?: number;
  /** How often a relay looks at its outbox without being notified. */
  pollMs?: number;
  /** The relay lock lapses this long after its holder stopped renewing it. */
  lockTtlMs?: number;
  /** XREADGROUP BLOCK. */
  blockMs?: number;
  /** A consumer instance counts as live for waitUntilApplied this long after its heartbeat. */
  liveMs?: number;
}

const DEFAULTS = {
  claimIdleMs: 30_000,
  pollMs: 500,
  lockTtlMs: 10_000,
  blockMs: 1_000,
  liveMs: 10_000,
  appliedTtlMs: 120_000,
  batchSize: 100,
  count: 32,
  /** How often waitUntilApplied looks in Redis for marks of other instances. */
  waitPollMs: 20,
};

/**
 * The event bus across processes (REDIS_URL set). Each producer's outbox is relayed, by
 * one instance at a time (a Redis lock), to the stream `campus:events:<producer>`; each
 * consumer group is a Redis consumer group on the streams of its producers, with one
 * member per instance, so any number of instances of a service behave as one.
 *
 * waitUntilApplied: consumers mark `campus:applied:<group>:<event id>` once applied; the
 * producer waits for the marks of the groups that have a live member (a heartbeat in
 * `campus:group-members:<group>`, lapsing after `liveMs`); a group with none could not apply
 * anything before the timeout, so it is not waited for.
 *
 * Redis down: relays keep events in the outbox (their cursor does not move) and resume in
 * order; consumers retry with backoff. Redis back without its data: the relay notices the
 * missing `campus:relay-marker:<producer>` and publishes the outbox again from its start,
 * groups are created again at 0, and applyOnce keeps what was applied from applying twice.
 * Streams are not trimmed (a new group starts at 0 and must find every event). With several
 * members in a group, entries are spread over them: payloads carry versions for that.
 */
export class RedisStreamsEventBus implements EventBus {
  readonly instanceId: string;
  private readonly log: Logger;
  private readonly commands: Redis;
  private readonly settings: typeof DEFAULTS & { redisUrl: string };
  private readonly relays = new Map<SubgraphName, OutboxRelay>();
  private readonly consumers = new Map<string, StreamConsumer>();
  /** waitUntilApplied calls in progress, woken when a consumer of this instance applies. */
  private readonly waiters = new Set<Wakeable>();
  private closed = false;

  constructor(options: RedisStreamsEventBusOptions) {
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    this.log = options.log.child({ component: 'redis-event-bus', instanceId: this.instanceId });
    this.settings = {
      ...DEFAULTS,
      redisUrl: options.redisUrl,
      ...definedOnly({
        claimIdleMs: options.claimIdleMs,
        pollMs: options.pollMs,
        lockTtlMs: options.lockTtlMs,
        blockMs: options.blockMs,
        liveMs: options.liveMs,
      }),
    };
    this.commands = connectRedis(options.redisUrl, this.log, 'events');
  }

  attachOutbox(outbox: Outbox): Detach {
    const { producer } = outbox;
    if (this.closed) throw new Error('The event bus is closed');
    if (this.relays.has(producer)) {
      throw new Error(`The ${producer} outbox is already attached in this process`);
    }
    const relay = new OutboxRelay(
      outbox,
      this.commands,
      this.instanceId,
      {
        pollMs: this.settings.pollMs,
        lockTtlMs: this.settings.lockTtlMs,
        batchSize: this.settings.batchSize,
      },
      this.log.child({ producer }),
    );
    this.relays.set(producer, relay);
    return async () => {
      if (this.relays.get(producer) === relay) this.relays.delete(producer);
      await relay.stop();
    };
  }

  subscribe(consumer: EventConsumer): Detach {
    const { group } = consumer;
    if (this.closed) throw new Error('The event bus is closed');
    if (this.consumers.has(group)) {
      throw new Error(`Consumer group ${group} is already subscribed in this process`);
    }
    const producers = [...new Set(consumer.types.map((type) => EVENT_PRODUCERS[type]))];
    const member = new StreamConsumer(tracedConsumer(consumer), producers, {
      redisUrl: this.settings.redisUrl,
      commands: this.commands,
      instanceId: this.instanceId,
      claimIdleMs: this.settings.claimIdleMs,
      blockMs: this.settings.blockMs,
      count: this.settings.count,
      liveMs: this.settings.liveMs,
      appliedTtlMs: this.settings.appliedTtlMs,
      onApplied: () => this.wakeWaiters(),
      log: this.log.child({ group }),
    });
    this.consumers.set(group, member);
    return async () => {
      if (this.consumers.get(group) === member) this.consumers.delete(group);
      await member.stop();
    };
  }

  notify(producer: SubgraphName): void {
    this.relays.get(producer)?.wake();
  }

  async waitUntilApplied(
    events: readonly Pick<DomainEvent, 'id' | 'type'>[],
    groups: (event: Pick<DomainEvent, 'type'>) => readonly string[],
    timeoutMs: number,
  ): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const wanted = new Map<string, string>();
    for (const event of events) {
      for (const group of groups(event)) wanted.set(redisKeys.applied(group, event.id), group);
    }
    if (wanted.size === 0) return true;
    if (this.closed) return false;
    const waiter = new Wakeable();
    this.waiters.add(waiter);
    try {
      const live = await this.liveGroups([...new Set(wanted.values())]);
      const pending = [...wanted].filter(([, group]) => live.has(group)).map(([key]) => key);
      while (pending.length > 0) {
        waiter.reset();
        const marks = await this.commands.mget(...pending).catch(() => undefined);
        if (marks) {
          for (let i = marks.length - 1; i >= 0; i -= 1) {
            if (marks[i] !== null) pending.splice(i, 1);
          }
          if (pending.length === 0) break;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0 || this.closed) return false;
        await waiter.sleep(Math.min(remaining, DEFAULTS.waitPollMs));
      }
      return true;
    } catch (error) {
      // Redis is unreachable: nothing can be confirmed; delivery still happens later.
      this.log.warn({ err: error }, 'waiting for consumers failed');
      return false;
    } finally {
      this.waiters.delete(waiter);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopping = [
      ...[...this.relays.values()].map((relay) => relay.stop()),
      ...[...this.consumers.values()].map((member) => member.stop()),
    ];
    this.relays.clear();
    this.consumers.clear();
    await Promise.all(stopping);
    for (const waiter of this.waiters) waiter.wake();
    await this.commands.quit().catch(() => this.commands.disconnect());
  }

  /** The groups with a member whose heartbeat has not lapsed. */
  private async liveGroups(groups: readonly string[]): Promise<Set<string>> {
    const counts = (await this.commands.eval(
      LIVE_MEMBERS,
      groups.length,
      ...groups.map((group) => redisKeys.groupMembers(group)),
    )) as number[];
    return new Set(groups.filter((_group, i) => (counts[i] ?? 0) > 0));
  }

  private wakeWaiters(): void {
    for (const waiter of this.waiters) waiter.wake();
  }
}

function definedOnly<T extends Record<string, number | undefined>>(
  values: T,
): Partial<Record<keyof T, number>> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<Record<keyof T, number>>;
}
