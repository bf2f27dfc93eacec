import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { execute } from '../../test/helpers';
import type { Role, Viewer } from '../shared/auth/viewer';
import type { DomainEvent, EventPayloads } from '../shared/events/catalog';
import type { SubgraphService } from '../shared/server';
import { staffAccountsConsumer } from './consumers/staff-accounts';
import type { SupportSession } from './entities/support-session';
import type { Loaders } from './loaders';
import { openSupportSession } from './services/open-session';

/** execute<D> alone would default the loaders type to unknown, which this service is not. */
export const run = <D>(
  service: SubgraphService<Loaders>,
  query: string,
  options?: Parameters<typeof execute>[2],
) => execute<D, Loaders>(service, query, options);

/** A signed-in user nobody else's tests know. */
export const stranger = (role: Role = 'STUDENT'): Viewer => ({
  id: randomUUID(),
  role,
  sessionId: randomUUID(),
  tokenId: randomUUID(),
});

/** A fresh session opened by `customer` through the service (as the mutation would). */
export const openedBy = (
  service: SubgraphService<Loaders>,
  customer: Viewer,
  subject = `Help ${randomUUID()}`,
): Promise<SupportSession> =>
  openSupportSession(service.services, customer, { subject, message: `About ${subject}` });

/** A user.access-changed event as auth would record it (a fresh id unless given one). */
export const accessChanged = (
  payload: EventPayloads['user.access-changed'],
  id: string = uuidv7(),
): DomainEvent<'user.access-changed'> => ({
  id,
  type: 'user.access-changed',
  producer: 'auth',
  occurredAt: new Date(),
  payload,
});

/**
 * Tells support's staff view about an account through its consumer (support.staff), as
 * auth's event would when auth runs alongside: `accessChanged` handed to `handle`.
 */
export const applyAccess = async (
  service: SubgraphService<Loaders>,
  event: DomainEvent,
): Promise<void> => staffAccountsConsumer(service.services).handle(event);
