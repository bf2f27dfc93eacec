import type { EntityManager } from 'typeorm';
import type { EventPayloads } from '../../shared/events/catalog';
import { Profile } from '../entities/profile';

/**
 * Creates the profile of a newly registered account (id = the account's id). An existing
 * profile is left as it is: a redelivered or replayed registration must never undo edits
 * the user made in between. Returns whether a profile was created.
 */
export async function createProfileForAccount(
  manager: EntityManager,
  account: Pick<EventPayloads['user.registered'], 'userId' | 'firstName' | 'lastName'>,
): Promise<boolean> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(Profile)
    .values({
      id: account.userId,
      firstName: account.firstName.trim(),
      lastName: account.lastName.trim(),
    })
    .orIgnore()
    .returning(['id'])
    .updateEntity(false)
    .execute();
  return (inserted.raw as unknown[]).length > 0;
}
