import { isSelfOrAdmin } from '../../shared/auth/viewer';
import type { UserResolvers } from '../generated/graphql';

export const User: UserResolvers = {
  // Null for an account whose profile does not exist (yet): user.registered not applied.
  __resolveReference: ({ id }, { loaders }) => loaders.profileById.load(id),
  name: (profile) => `${profile.firstName} ${profile.lastName}`,
  // Private contact detail: others get null rather than an error, so lists stay usable.
  phone: (profile, _args, { viewer }) => (isSelfOrAdmin(viewer, profile.id) ? profile.phone : null),
  instructorProfile: (profile, _args, { loaders }) =>
    loaders.instructorProfileByUser.load(profile.id),
};
