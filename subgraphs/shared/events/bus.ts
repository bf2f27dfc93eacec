import type { SubgraphName } from '../topology';
import type { DomainEvent, EventType } from './catalog';
import type { Outbox } from './outbox';

/** A consumer group's handler. It must be idempotent: delivery is at least once. */
export interface EventConsumer {
  group: string;
  types: readonly EventType[];
  handle(event: DomainEvent): Promise<void>;
}

/** Undoes an attach or subscribe; resolves once no delivery is in flight. */
export type Detach = () => Promise<void>;

/**
 * How events travel from producers' outboxes to consumer groups. The in-process bus reads
 * the outboxes directly; a Redis Streams transport can take its place behind this interface.
 */
export interface EventBus {
  /** A producer makes its outbox available for delivery (on service start). */
  attachOutbox(outbox: Outbox): Detach;
  /** A consumer group starts receiving, from where it left off (on service start). */
  subscribe(consumer: EventConsumer): Detach;
  /** Wakes delivery of a producer's outbox, called right after a commit that wrote events. */
  notify(producer: SubgraphName): void;
  /**
   * Resolves true once every group of `groups` has applied every event, false on timeout.
   * Groups that cannot receive anything right now are not waited for.
   */
  waitUntilApplied(
    events: readonly Pick<DomainEvent, 'id' | 'type'>[],
    groups: (event: Pick<DomainEvent, 'type'>) => readonly string[],
    timeoutMs: number,
  ): Promise<boolean>;
  close(): Promise<void>;
}
