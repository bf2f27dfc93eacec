import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
import { selectWhere, selectWhereIn } from '../shared/db/plain-select';
import { loaderByGroup, loaderByKey } from '../shared/loaders';
import { Account } from './entities/account';
import { Session } from './entities/session';

/** Per-request loaders: each batch is one SQL statement. */
export function createLoaders(db: DataSource) {
  return {
    accountById: loaderByKey(
      (ids: readonly string[]) => selectWhereIn(db, Account, 'id', ids),
      (account) => account.id,
    ),
    activeSessionsByAccount: loaderByGroup(
      (accountIds: readonly string[]) =>
        selectWhere(
          db,
          Session,
          [
            { property: 'accountId', in: accountIds },
            { property: 'revokedAt', isNull: true },
            { property: 'expiresAt', greaterThan: new Date() },
          ],
          { orderBy: [['createdAt', 'DESC']] },
        ),
      (session) => session.accountId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
