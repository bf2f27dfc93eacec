import { parse } from 'graphql';
import type { GatewayContext } from '../viewer';
import type { SubscriptionPlan } from './operation-plan';
import { ROLE_SCOPE, sharingScope } from './sharing-scope';

const planOf = (field: string, shareable = true) => ({ field, shareable }) as SubscriptionPlan;
const viewer = (role: 'ADMIN' | 'STUDENT', token: string): GatewayContext => ({
  viewer: { id: `${role}-${token}`, role, sessionId: token, tokenId: token },
  authorization: `Bearer ${token}`,
  client: {},
});
const MESSAGES = parse(
  `subscription { supportMessageAdded(sessionId: "s") { id body sender { name email } } }`,
);

describe('sharingScope (pure)', () => {
  it('lets every ADMIN share a support chat, and anyone else only their own token', () => {
    const plan = planOf('supportMessageAdded');
    expect(sharingScope(plan, viewer('ADMIN', 'a'), MESSAGES)).toBe(ROLE_SCOPE);
    expect(sharingScope(plan, viewer('ADMIN', 'b'), MESSAGES)).toBe(ROLE_SCOPE);
    expect(sharingScope(plan, viewer('STUDENT', 'c'), MESSAGES)).toBe('token:Bearer c');
  });

  it('keeps an ADMIN to their own token where the answer depends on who they are', () => {
    expect(sharingScope(planOf('bookingUpdated'), viewer('ADMIN', 'a'), MESSAGES)).toBe(
      'token:Bearer a',
    );
    const viewerBooking = parse(
      `subscription { supportMessageAdded(sessionId: "s") { session { customer { bookings { course { viewerBooking { id } } } } } } }`,
    );
    expect(sharingScope(planOf('supportMessageAdded'), viewer('ADMIN', 'a'), viewerBooking)).toBe(
      'token:Bearer a',
    );
  });

  it('shares nothing that replays (`after`)', () => {
    expect(sharingScope(planOf('supportMessageAdded', false), viewer('ADMIN', 'a'), MESSAGES)).toBe(
      undefined,
    );
  });
});
