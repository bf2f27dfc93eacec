import { requireRole } from '../../shared/auth/viewer';
import { badUserInput } from '../../shared/errors';
import type { QueryResolvers } from '../generated/graphql';
import { listInstructors, listProfiles } from '../services/directory';
import { isUuid } from '../services/uuid';

export const Query: QueryResolvers = {
  user: (_parent, { id }, { loaders }) => {
    if (!isUuid(id)) throw badUserInput('id', 'id must be a UUID.');
    return loaders.profileById.load(id);
  },
  users: (_parent, args, { viewer, db }) => {
    requireRole(viewer, 'ADMIN');
    return listProfiles(db, args);
  },
  instructors: (_parent, args, { db }) => listInstructors(db, args),
};
