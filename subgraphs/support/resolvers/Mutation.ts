import type { MutationResolvers } from '../generated/graphql';
import { assignSupportSession } from '../services/assign-session';
import { openSupportSession } from '../services/open-session';
import { sendSupportMessage } from '../services/send-message';
import { setSupportSessionStatus } from '../services/set-session-status';

export const Mutation: MutationResolvers = {
  openSupportSession: (_parent, { subject, message }, ctx) =>
    openSupportSession(ctx, ctx.viewer, { subject, message }),
  sendSupportMessage: (_parent, { sessionId, body }, ctx) =>
    sendSupportMessage(ctx, ctx.viewer, { sessionId, body }),
  assignSupportSession: (_parent, { sessionId, adminId }, ctx) =>
    assignSupportSession(ctx, ctx.viewer, { sessionId, adminId }),
  setSupportSessionStatus: (_parent, { sessionId, status }, ctx) =>
    setSupportSessionStatus(ctx, ctx.viewer, { sessionId, status }),
};
