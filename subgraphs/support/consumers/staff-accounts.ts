import type { EntityManager } from 'typeorm';
import type { ServiceContext } from '../../shared/context';
import type { EventConsumer } from '../../shared/events/bus';
import {
  consumerGroup,
  type DomainEvent,
  type EventPayloads,
  type EventType,
} from '../../shared/events/catalog';
import { applyOnce } from '../../shared/events/consumer';
import { isUuid } from '../../shared/ids';
import type { SupportSession } from '../entities/support-session';
import { isActiveAdmin, unassignSessionsOf } from '../services/assignees';
import { notifySessionChanged } from '../services/notify';

type AccessState = EventPayloads['user.access-changed'];

/** The consumer group keeping support's staff view (contract: Domain events). */
export const STAFF_GROUP = consumerGroup('support.staff');

const ROLES: readonly string[] = ['STUDENT', 'INSTRUCTOR', 'ADMIN'];
const STATUSES: readonly string[] = ['ACTIVE', 'SUSPENDED'];
const INT4_MAX = 2_147_483_647;

const isEventOf = <T extends EventType>(event: DomainEvent, type: T): event is DomainEvent<T> =>
  event.type === type;

/**
 * The access state an event tells, or null when it tells support nothing: a registration
 * matters only for an admin (seeded ones), and is version 0, older than any change. An
 * account support never heard of is not staff, so students need no row.
 */
function accessStateOf(event: DomainEvent): AccessState | null {
  if (isEventOf(event, 'user.access-changed')) return event.payload;
  if (isEventOf(event, 'user.registered') && event.payload.role === 'ADMIN') {
    return { userId: event.payload.userId, role: 'ADMIN', status: 'ACTIVE', version: 0 };
  }
  return null;
}

/**
 * Whether a state can be applied. One the table would refuse would fail on every
 * redelivery and hold back every event behind it, so it is logged and skipped instead.
 */
const isApplicable = (state: AccessState): boolean =>
  typeof state.userId === 'string' &&
  isUuid(state.userId) &&
  ROLES.includes(state.role) &&
  STATUSES.includes(state.status) &&
  Number.isInteger(state.version) &&
  state.version >= 0 &&
  state.version <= INT4_MAX;

/**
 * Writes the account's access unless the view holds a newer version (a stale event changes
 * nothing). When it applied and the account is no longer an active admin, its sessions are
 * taken away in the same transaction. Why here rather than in the participants rule:
 * participants stay "customer, assignee, every admin" with no lookup on each read, and
 * every read (sessions, lists, subscriptions) and the queue see the truth at once; the
 * session waits OPEN for a real admin instead of sitting ASSIGNED to nobody who can act.
 */
async function applyAccessState(
  manager: EntityManager,
  state: AccessState,
): Promise<SupportSession[]> {
  const applied = (await manager.query(
    `INSERT INTO "support"."staff_accounts" ("user_id", "role", "status", "version", "updated_at")
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT ("user_id") DO UPDATE
        SET "role" = EXCLUDED."role",
            "status" = EXCLUDED."status",
            "version" = EXCLUDED."version",
            "updated_at" = now()
      WHERE "support"."staff_accounts"."version" < EXCLUDED."version"
     RETURNING "user_id"`,
    [state.userId, state.role, state.status, state.version],
  )) as unknown[];
  if (applied.length === 0 || isActiveAdmin(state)) return [];
  return unassignSessionsOf(manager, state.userId);
}

/**
 * support.staff: who may be assigned a support session (an active ADMIN), from auth's
 * user.registered and user.access-changed, each applied once (its id is remembered in
 * support.processed_events in the same transaction). Followers of the sessions it takes
 * away from a demoted or suspended admin are notified after the commit, as assignment does.
 */
export function staffAccountsConsumer(ctx: ServiceContext): EventConsumer {
  const log = ctx.log.child({ group: STAFF_GROUP.group });
  return {
    group: STAFF_GROUP.group,
    types: STAFF_GROUP.types,
    async handle(event) {
      const state = accessStateOf(event);
      if (!state) return;
      if (!isApplicable(state)) {
        log.error({ eventId: event.id, payload: event.payload }, `unusable ${event.type}`);
        return;
      }
      let unassigned: SupportSession[] = [];
      await applyOnce(ctx.db, 'support', STAFF_GROUP.group, event, async (manager) => {
        unassigned = await applyAccessState(manager, state);
      });
      if (unassigned.length > 0) {
        log.info(
          { userId: state.userId, sessions: unassigned.length },
          'support sessions unassigned from an account that is no longer an active admin',
        );
      }
      for (const session of unassigned) await notifySessionChanged(ctx, session);
    },
  };
}
