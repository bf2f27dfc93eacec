import type { ServiceContext } from '../../shared/context';
import type { EventConsumer } from '../../shared/events/bus';
import { consumerGroup, type DomainEvent } from '../../shared/events/catalog';
import { applyOnce } from '../../shared/events/consumer';
import { invalidateProfiles } from '../profile-cache';
import { createProfileForAccount } from '../services/create-profile';

/** Consumer group users.profiles (contract: Domain events). */
const GROUP = consumerGroup('users.profiles');

const isRegistration = (event: DomainEvent): event is DomainEvent<'user.registered'> =>
  event.type === 'user.registered';

/**
 * Creates the profile of every account auth registers. applyOnce remembers the event id
 * in the same transaction, so an event delivered twice is applied once.
 */
export function profileConsumer(ctx: ServiceContext): EventConsumer {
  const log = ctx.log.child({ group: GROUP.group });
  return {
    group: GROUP.group,
    types: GROUP.types,
    async handle(event) {
      if (!isRegistration(event)) return;
      const { userId, firstName, lastName } = event.payload;
      // auth validates names at sign-up; an event without them could never be applied,
      // and retrying it forever would hold back every registration behind it.
      if (firstName.trim() === '' || lastName.trim() === '') {
        log.error({ eventId: event.id, userId }, 'user.registered without a name; skipped');
        return;
      }
      const applied = await applyOnce(ctx.db, 'users', GROUP.group, event, async (manager) => {
        await createProfileForAccount(manager, event.payload);
      });
      // Committed: no instance may keep serving what it cached for this id before.
      if (applied) await invalidateProfiles(ctx, [userId], 'created');
    },
  };
}
