import { requireSelfOrAdmin } from '../../shared/auth/viewer';
import { keyOnly } from '../../shared/federation';
import type { UserResolvers } from '../generated/graphql';

export const User: UserResolvers = {
  // Users live in auth; this subgraph only needs the id to list their sessions.
  __resolveReference: keyOnly,
  supportSessions: (user, _args, { viewer, loaders }) => {
    requireSelfOrAdmin(viewer, user.id);
    return loaders.sessionsByCustomer.load(user.id);
  },
};
