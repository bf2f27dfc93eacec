import { requireRole, requireViewer } from '../../shared/auth/viewer';
import type { QueryResolvers } from '../generated/graphql';
import { requireParticipant } from '../services/participants';
import { ACTIVE_STATUSES, sessionQueue, sessionsOfParticipant } from '../services/session-lists';
import { requireUuid } from '../../shared/ids';

export const Query: QueryResolvers = {
  supportSession: async (_parent, { id }, { viewer, loaders }) => {
    requireViewer(viewer);
    requireUuid('id', id);
    const session = await loaders.sessionById.load(id);
    if (session) requireParticipant(viewer, session);
    return session;
  },
  mySupportSessions: (_parent, _args, { viewer, db }) =>
    sessionsOfParticipant(db, requireViewer(viewer).id),
  supportQueue: (_parent, { status }, { viewer, db }) => {
    requireRole(viewer, 'ADMIN');
    return sessionQueue(db, status ? [status] : ACTIVE_STATUSES);
  },
  supportMessage: async (_parent, { id }, { viewer, loaders }) => {
    requireViewer(viewer);
    requireUuid('id', id);
    const message = await loaders.messageById.load(id);
    if (!message) return null;
    const session = await loaders.sessionById.load(message.sessionId);
    // A foreign key ties every message to its session, so this is a broken invariant.
    if (!session) throw new Error(`Support message ${message.id} has no session`);
    requireParticipant(viewer, session);
    return message;
  },
};
