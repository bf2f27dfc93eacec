import { v7 } from 'uuid';
import type { DomainEvent, EventPayloads } from '../shared/events/catalog';
import { DEMO_USERS } from '../shared/demo/catalog';
import type { SubgraphService } from '../shared/server';
import { profileConsumer } from './consumers/profiles';
import type { Loaders } from './loaders';

/**
 * Test support: the user.registered events auth would publish, handed straight to the
 * users.profiles consumer, so users' tests need no auth subgraph.
 */
export function registeredEvent(
  payload: Omit<EventPayloads['user.registered'], 'email' | 'role'> &
    Partial<EventPayloads['user.registered']>,
): DomainEvent<'user.registered'> {
  return {
    id: v7(),
    type: 'user.registered',
    producer: 'auth',
    occurredAt: new Date(),
    payload: { email: `${payload.userId}@example.test`, role: 'STUDENT', ...payload },
  };
}

/** Delivers events to the service's profile consumer, one after another, as the bus does. */
export async function deliver(
  service: SubgraphService<Loaders>,
  ...events: DomainEvent[]
): Promise<void> {
  const consumer = profileConsumer(service.services);
  for (const event of events) await consumer.handle(event);
}

/** What auth's seed would cause: every demo user registered, then users' own seed. */
export async function registerAndSeedDemoUsers(service: SubgraphService<Loaders>): Promise<void> {
  await deliver(
    service,
    ...DEMO_USERS.map((u) =>
      registeredEvent({
        userId: u.id,
        email: u.email,
        role: u.role,
        firstName: u.firstName,
        lastName: u.lastName,
      }),
    ),
  );
  await service.seed();
}
