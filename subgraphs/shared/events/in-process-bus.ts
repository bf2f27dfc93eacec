import { SpanKind } from '@opentelemetry/api';
import type { Logger } from '../logger';
import type { SubgraphName } from '../topology';
import { EVENT_PRODUCERS, type DomainEvent } from './catalog';
import type { Detach, EventBus, EventConsumer } from './bus';
import { EVENT_ATTRIBUTES, detachedFromCaller, traceEventBatch } from './event-tracing';
import type { Outbox, OutboxCursor, OutboxRecord } from './outbox';
import { tracedConsumer } from './traced-consumer';
import { Wakeable, backoffMs } from './wakeable';

const POLL_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const REMEMBERED_PER_GROUP = 10_000;

/**
 * One consumer group reading one producer's outbox: in order, one event at a time, the
 * cursor saved after each batch. A failing event is retried with backoff and holds back
 * the ones behind it, so a group sees events in the order they were written.
 */
class DeliveryLoop {
  private stopped = false;
  /** A wake that arrives while reading must not be lost to the next sleep. */
  private readonly alarm = new Wakeable();
  private readonly done: Promise<void>;

  constructor(
    private readonly outbox: Outbox,
    private readonly consumer: EventConsumer,
    private readonly onApplied: (group: string, event: DomainEvent) => void,
    private readonly log: Logger,
  ) {
    this.done = detachedFromCaller(() => this.run());
  }

  wake(): void {
    this.alarm.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    const { group } = this.consumer;
    let cursor: OutboxCursor | undefined;
    let failures = 0;
    while (!this.stopped) {
      let delivered = 0;
      let idle = true;
      this.alarm.reset();
      try {
        cursor ??= await this.outbox.loadCursor(group);
        const batch = await this.outbox.readAfter(cursor, this.consumer.types);
        idle = batch.length === 0;
        if (!idle) {
          await this.traceDelivery(batch, async () => {
            for (const { cursor: next, event } of batch) {
              if (this.stopped) break;
              await this.consumer.handle(event);
              cursor = next;
              delivered += 1;
              this.onApplied(group, event);
            }
          });
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        this.log.error({ err: error, group, failures }, 'event delivery failed; will retry');
      }
      if (delivered > 0 && cursor) {
        await this.outbox.saveCursor(group, cursor).catch((error: unknown) => {
          this.log.error({ err: error, group }, 'saving the delivery cursor failed');
        });
      }
      if (this.stopped) break;
      if (failures > 0) await this.alarm.sleep(backoffMs(failures, MAX_BACKOFF_MS));
      else if (idle) await this.alarm.sleep(POLL_MS);
    }
  }

  /** `event.deliver`: one round of a group in an outbox, linked to the recording spans. */
  private traceDelivery(batch: readonly OutboxRecord[], deliver: () => Promise<void>) {
    return traceEventBatch(
      'event.deliver',
      SpanKind.INTERNAL,
      {
        [EVENT_ATTRIBUTES.producer]: this.outbox.producer,
        [EVENT_ATTRIBUTES.group]: this.consumer.group,
      },
      batch.map((record) => record.event),
      deliver,
    );
  }
}

interface Waiter {
  pending: Set<string>;
  resolve: (applied: boolean) => void;
}

/** One map key for a pair of names (group and event, producer and group). */
const key = (first: string, second: string): string => `${first}\u0000${second}`;

interface Delivery {
  producer: SubgraphName;
  group: string;
  loop: DeliveryLoop;
}

/**
 * The event bus when every service runs in one process (`npm start`, tests): each
 * subscribed group reads the producers' outboxes directly, remembering its place in the
 * producer's outbox_cursors table, so a group that was down catches up when it subscribes.
 */
export class InProcessEventBus implements EventBus {
  private readonly outboxes = new Map<SubgraphName, Outbox>();
  private readonly consumers = new Map<string, EventConsumer>();
  private readonly loops = new Map<string, Delivery>();
  private readonly applied = new Map<string, string[]>();
  private readonly appliedKeys = new Set<string>();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly log: Logger) {}

  attachOutbox(outbox: Outbox): Detach {
    this.outboxes.set(outbox.producer, outbox);
    for (const consumer of this.consumers.values()) this.connect(outbox, consumer);
    return async () => {
      this.outboxes.delete(outbox.producer);
      await this.disconnect((d) => d.producer === outbox.producer);
    };
  }

  subscribe(consumer: EventConsumer): Detach {
    if (this.consumers.has(consumer.group)) {
      throw new Error(`Consumer group ${consumer.group} is already subscribed in this process`);
    }
    const traced = tracedConsumer(consumer);
    this.consumers.set(consumer.group, traced);
    for (const outbox of this.outboxes.values()) this.connect(outbox, traced);
    return async () => {
      this.consumers.delete(consumer.group);
      await this.disconnect((d) => d.group === consumer.group);
    };
  }

  notify(producer: SubgraphName): void {
    for (const delivery of this.loops.values()) {
      if (delivery.producer === producer) delivery.loop.wake();
    }
  }

  waitUntilApplied(
    events: readonly Pick<DomainEvent, 'id' | 'type'>[],
    groups: (event: Pick<DomainEvent, 'type'>) => readonly string[],
    timeoutMs: number,
  ): Promise<boolean> {
    const pending = new Set<string>();
    for (const event of events) {
      for (const group of groups(event)) {
        // A group not subscribed here cannot apply anything before the timeout.
        if (!this.canDeliver(EVENT_PRODUCERS[event.type], group)) continue;
        if (!this.appliedKeys.has(key(group, event.id))) pending.add(key(group, event.id));
      }
    }
    if (pending.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        pending,
        resolve: (applied) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(applied);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    await this.disconnect(() => true);
    this.outboxes.clear();
    this.consumers.clear();
    for (const waiter of [...this.waiters]) waiter.resolve(false);
  }

  private canDeliver(producer: SubgraphName, group: string): boolean {
    return this.loops.has(key(producer, group));
  }

  private connect(outbox: Outbox, consumer: EventConsumer): void {
    const producesAny = consumer.types.some((type) => EVENT_PRODUCERS[type] === outbox.producer);
    const loopKey = key(outbox.producer, consumer.group);
    if (!producesAny || this.loops.has(loopKey)) return;
    const log = this.log.child({ producer: outbox.producer, group: consumer.group });
    this.loops.set(loopKey, {
      producer: outbox.producer,
      group: consumer.group,
      loop: new DeliveryLoop(
        outbox,
        consumer,
        (group, event) => this.markApplied(group, event),
        log,
      ),
    });
  }

  private async disconnect(matches: (delivery: Delivery) => boolean): Promise<void> {
    const stopping: Promise<void>[] = [];
    for (const [loopKey, delivery] of this.loops) {
      if (!matches(delivery)) continue;
      this.loops.delete(loopKey);
      stopping.push(delivery.loop.stop());
    }
    await Promise.all(stopping);
  }

  private markApplied(group: string, event: DomainEvent): void {
    const applied = key(group, event.id);
    this.appliedKeys.add(applied);
    let recent = this.applied.get(group);
    if (!recent) this.applied.set(group, (recent = []));
    recent.push(applied);
    // Waiters look only seconds back; forget the oldest ids beyond a bound.
    if (recent.length > REMEMBERED_PER_GROUP) {
      for (const old of recent.splice(0, recent.length - REMEMBERED_PER_GROUP)) {
        this.appliedKeys.delete(old);
      }
    }
    for (const waiter of this.waiters) {
      waiter.pending.delete(applied);
      if (waiter.pending.size === 0) waiter.resolve(true);
    }
  }
}
