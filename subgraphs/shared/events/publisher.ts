import type { EntityManager } from 'typeorm';
import type { SubgraphName } from '../topology';
import {
  readYourWritesGroups,
  type DomainEvent,
  type EventPayloads,
  type EventType,
} from './catalog';
import type { EventBus } from './bus';
import type { Outbox } from './outbox';

/** Contract: "waits, bounded (about 2 s), until the consumers have applied the event". */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/**
 * What a producing service's code uses: record events in its transaction, then, once the
 * transaction has committed, hand them to the bus.
 */
export interface EventPublisher {
  record<T extends EventType>(
    manager: EntityManager,
    type: T,
    payload: EventPayloads[T],
  ): Promise<DomainEvent<T>>;
  /**
   * Call after the commit. Wakes delivery, then waits (bounded) until the consumer groups
   * the client's next step depends on have applied the events; on timeout it returns
   * anyway, and delivery still happens later. Resolves whether they were all applied.
   */
  committed(events: readonly DomainEvent[]): Promise<boolean>;
}

export function createEventPublisher(
  producer: SubgraphName,
  outbox: Outbox | undefined,
  bus: EventBus,
  timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS,
): EventPublisher {
  return {
    record(manager, type, payload) {
      if (!outbox) throw new Error(`The ${producer} subgraph has no outbox`);
      return outbox.append(manager, type, payload);
    },
    async committed(events) {
      if (events.length === 0) return true;
      bus.notify(producer);
      return bus.waitUntilApplied(events, (e) => readYourWritesGroups(e.type), timeoutMs);
    },
  };
}
