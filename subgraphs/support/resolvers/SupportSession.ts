import type { SupportSessionResolvers } from '../generated/graphql';
import { messageWindow } from '../services/message-window';
import { requireParticipant } from '../services/participants';

export const SupportSession: SupportSessionResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.sessionById.load(id),
  customer: (session) => ({ id: session.customerId }),
  assignee: (session) => (session.assigneeId ? { id: session.assigneeId } : null),
  // Checked here, not only in Query.supportSession: a session reached through a message or
  // an entity reference still shows its conversation to participants only.
  messages: (session, args, { viewer, loaders }) => {
    requireParticipant(viewer, session);
    const window = messageWindow(session.id, args);
    return window.first === 0 ? [] : loaders.latestMessages.load(window);
  },
};
