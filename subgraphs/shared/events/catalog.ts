import type { Role } from '../auth/viewer';
import type { SubgraphName } from '../topology';

/**
 * The contract's domain events (section "Domain events"): what each carries. Payloads are
 * full current state, not deltas, so a consumer can apply the newest one it sees.
 */
export interface EventPayloads {
  'user.registered': {
    userId: string;
    email: string;
    firstName: string;
    lastName: string;
    role: Role;
  };
  /**
   * An account's role or status changed (setUserRole, setAccountStatus): what other
   * subgraphs authorize with. A registration is version 0 (user.registered).
   */
  'user.access-changed': {
    userId: string;
    role: Role;
    status: 'ACTIVE' | 'SUSPENDED';
    /** Increases with every change of the account's role or status: stale ones are ignored. */
    version: number;
  };
  'course.changed': {
    courseId: string;
    status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
    capacity: number;
    instructorId: string;
    /** Increases with every change of the course, so a consumer can ignore stale ones. */
    version: number;
  };
  'booking.changed': {
    bookingId: string;
    userId: string;
    courseId: string;
    status: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';
    previousStatus: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED' | null;
    enrollmentId: string | null;
  };
}

export type EventType = keyof EventPayloads;

export interface DomainEvent<T extends EventType = EventType> {
  /** UUIDv7: unique, and sorts in the order events were recorded. */
  id: string;
  type: T;
  producer: SubgraphName;
  occurredAt: Date;
  payload: EventPayloads[T];
  /**
   * W3C `traceparent` of the span that recorded it (event.record), when that request was
   * traced: consumers' spans continue its trace. Never part of the contract's payload.
   */
  traceParent?: string;
}

/** Which subgraph writes each event to its outbox. */
export const EVENT_PRODUCERS: Record<EventType, SubgraphName> = {
  'user.registered': 'auth',
  'user.access-changed': 'auth',
  'course.changed': 'course',
  'booking.changed': 'booking',
};

export interface ConsumerGroupSpec {
  /** Durable name: delivery progress is remembered under it. */
  group: string;
  subgraph: SubgraphName;
  types: readonly EventType[];
  /**
   * The producer's mutation waits (bounded) until this group has applied its event,
   * because the client's next step reads what the group writes (contract: read-your-writes).
   * A list: only after events of these types.
   */
  readYourWrites: boolean | readonly EventType[];
}

/** Every consumer group of the supergraph; each applies an event once. */
export const CONSUMER_GROUPS: readonly ConsumerGroupSpec[] = [
  { group: 'users.profiles', subgraph: 'users', types: ['user.registered'], readYourWrites: true },
  {
    group: 'booking.course-view',
    subgraph: 'booking',
    types: ['course.changed'],
    readYourWrites: true,
  },
  {
    group: 'support.staff',
    subgraph: 'support',
    types: ['user.registered', 'user.access-changed'],
    // An admin promoted a moment ago can be assigned a session at once; signUp (a STUDENT,
    // never staff) does not wait for support.
    readYourWrites: ['user.access-changed'],
  },
];

export function consumerGroup(group: string): ConsumerGroupSpec {
  const spec = CONSUMER_GROUPS.find((g) => g.group === group);
  if (!spec) throw new Error(`Unknown consumer group ${group}`);
  return spec;
}

/** The groups a producer's mutation waits for after recording an event of this type. */
export const readYourWritesGroups = (type: EventType): string[] =>
  CONSUMER_GROUPS.filter(
    (g) =>
      g.types.includes(type) &&
      (typeof g.readYourWrites === 'boolean' ? g.readYourWrites : g.readYourWrites.includes(type)),
  ).map((g) => g.group);
