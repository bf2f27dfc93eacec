import { visit, type DocumentNode } from 'graphql';
import { isAdmin } from '../../subgraphs/shared/auth/viewer';
import type { GatewayContext } from '../viewer';
import type { SubscriptionPlan } from './operation-plan';

/**
 * Subscription fields whose events and answers are the same for every ADMIN, by the
 * contract: every ADMIN is a participant of every support session and sees its queue, and
 * "self or ADMIN" fields show an ADMIN everything. (`bookingUpdated` is the viewer's own
 * bookings, so it is not here.)
 */
export const ADMIN_SHARED_FIELDS: ReadonlySet<string> = new Set([
  'supportMessageAdded',
  'supportSessionUpdated',
  'supportQueueUpdated',
]);

/**
 * Fields whose answer depends on who exactly the viewer is, not only on their role: `me`,
 * `my…` and `viewer…` (Course.viewerBooking). The supergraph names them so; a test holds
 * every such field of the supergraph to this pattern.
 */
/** The scope of clients that share by role. */
export const ROLE_SCOPE = 'role:ADMIN';

export const VIEWER_SPECIFIC_FIELD = /^(me|my[A-Z].*|viewer[A-Z].*)$/;

const selectsViewerSpecificField = (document: DocumentNode): boolean => {
  let found = false;
  visit(document, {
    Field(node) {
      if (VIEWER_SPECIFIC_FIELD.test(node.name.value)) found = true;
    },
  });
  return found;
};

/**
 * Which clients may share one upstream subscription and one completion per event: those
 * whose answers are the same. ADMINs share by role on ADMIN_SHARED_FIELDS (a thousand
 * admins watching a chat cost one upstream subscription); anyone else shares only with
 * the same token, so one session's logOut or expiry never ends another's. `undefined`:
 * not shared at all (a replay with `after` is the client's own).
 */
export function sharingScope(
  plan: SubscriptionPlan,
  context: GatewayContext,
  document: DocumentNode,
): string | undefined {
  if (!plan.shareable) return undefined;
  if (
    isAdmin(context.viewer) &&
    ADMIN_SHARED_FIELDS.has(plan.field) &&
    !selectsViewerSpecificField(document)
  ) {
    return ROLE_SCOPE;
  }
  return `token:${context.authorization ?? ''}`;
}
