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
};
