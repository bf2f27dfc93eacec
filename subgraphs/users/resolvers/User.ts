import { isSelfOrAdmin } from '../../shared/auth/viewer';
import { isUuid } from '../../shared/ids';
import type { UserResolvers } from '../generated/graphql';
import { pendingProfile } from '../services/pending-profile';

export const User: UserResolvers = {
  // A reference names an account another subgraph knows; until its profile exists
  // (user.registered not applied yet) it resolves with empty names, not null.
  __resolveReference: async ({ id }, { loaders }) =>
    (await loaders.profileById.load(id)) ?? (isUuid(id) ? pendingProfile(id) : null),
  name: (profile) => `${profile.firstName} ${profile.lastName}`.trim(),
  // Private contact detail: others get null rather than an error, so lists stay usable.
  phone: (profile, _args, { viewer }) => (isSelfOrAdmin(viewer, profile.id) ? profile.phone : null),
  instructorProfile: (profile, _args, { loaders }) =>
    loaders.instructorProfileByUser.load(profile.id),
};
