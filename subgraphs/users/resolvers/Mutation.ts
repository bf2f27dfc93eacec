import type { MutationResolvers } from '../generated/graphql';
import { updateInstructorProfile } from '../services/update-instructor-profile';
import { updateMyProfile } from '../services/update-my-profile';

export const Mutation: MutationResolvers = {
  updateMyProfile: (_parent, { input }, ctx) => updateMyProfile(ctx, ctx.viewer, input),
  updateInstructorProfile: (_parent, { userId, input }, ctx) =>
    updateInstructorProfile(ctx, ctx.viewer, userId, input),
};
