import { requireSelfOrAdmin } from '../../shared/auth/viewer';
import { keyOnly } from '../../shared/federation';
import type { UserResolvers } from '../generated/graphql';

export const User: UserResolvers = {
  // Auth owns the user; booking only adds lists keyed by the id.
  __resolveReference: keyOnly,
  bookings: (user, { status }, { viewer, loaders }) => {
    requireSelfOrAdmin(viewer, user.id);
    return loaders.bookingsByUser.load({ userId: user.id, status });
  },
  enrollments: (user, _args, { viewer, loaders }) => {
    requireSelfOrAdmin(viewer, user.id);
    return loaders.enrollmentsByUser.load(user.id);
  },
};
