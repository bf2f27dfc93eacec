import { requireRole } from '../../shared/auth/viewer';
import type { QueryResolvers } from '../generated/graphql';
import { listInstructors, listProfiles } from '../services/directory';
import { requireUuid } from '../../shared/ids';

export const Query: QueryResolvers = {
  user: (_parent, { id }, { loaders }) => {
    return loaders.profileById.load(requireUuid('id', id));
  },
  users: (_parent, args, { viewer, db }) => {
    requireRole(viewer, 'ADMIN');
    return listProfiles(db, args);
  },
  instructors: (_parent, args, { db }) => listInstructors(db, args),
};
