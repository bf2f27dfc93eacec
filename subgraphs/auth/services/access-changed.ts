import type { EntityManager } from 'typeorm';
import type { ServiceContext } from '../../shared/context';
import type { DomainEvent } from '../../shared/events/catalog';
import type { Account } from '../entities/account';

/** For an accounts UPDATE that changes role or status: the next access version. */
export const NEXT_ACCESS_VERSION = (): string => '"access_version" + 1';

/**
 * Records user.access-changed with the account's role, status and access version, inside
 * the transaction that changed them (transactional outbox). Other subgraphs authorize with
 * it: support keeps its staff view (who can be assigned a session) from it.
 */
export const recordAccessChanged = (
  ctx: ServiceContext,
  manager: EntityManager,
  account: Account,
): Promise<DomainEvent<'user.access-changed'>> =>
  ctx.events.record(manager, 'user.access-changed', {
    userId: account.id,
    role: account.role,
    status: account.status,
    version: account.accessVersion,
  });
