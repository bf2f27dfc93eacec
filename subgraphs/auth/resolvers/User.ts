import { isSelfOrAdmin, requireSelf } from '../../shared/auth/viewer';
import { forbidden } from '../../shared/errors';
import type { UserResolvers } from '../generated/graphql';

export const User: UserResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.accountById.load(id),
  email: (account, _args, { viewer }) => {
    if (!isSelfOrAdmin(viewer, account.id)) {
      throw forbidden('Only the user themself or an admin can see this email address.');
    }
    return account.email;
  },
  sessions: (account, _args, { viewer, loaders }) => {
    requireSelf(viewer, account.id, 'A session list');
    return loaders.activeSessionsByAccount.load(account.id);
  },
};
