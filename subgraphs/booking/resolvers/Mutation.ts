import type { MutationResolvers } from '../generated/graphql';
import { cancelBooking } from '../services/cancel-booking';
import { confirmBooking } from '../services/confirm-booking';
import { registerForCourse } from '../services/register-for-course';
import { rejectBooking } from '../services/reject-booking';
import { updateEnrollmentProgress } from '../services/update-enrollment-progress';

// Thin: each service checks the viewer and input and owns its transaction.
export const Mutation: MutationResolvers = {
  registerForCourse: (_parent, { input }, ctx) => registerForCourse(ctx, ctx.viewer, input),
  confirmBooking: async (_parent, { id }, ctx) =>
    (await confirmBooking(ctx, ctx.viewer, id)).booking,
  rejectBooking: (_parent, { id, reason }, ctx) => rejectBooking(ctx, ctx.viewer, id, reason),
  cancelBooking: (_parent, { id }, ctx) => cancelBooking(ctx, ctx.viewer, id),
  updateEnrollmentProgress: (_parent, { id, progressPercent }, ctx) =>
    updateEnrollmentProgress(ctx, ctx.viewer, id, progressPercent),
};
