import { In, IsNull, MoreThan, type DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
import { loaderByGroup, loaderByKey } from '../shared/loaders';
import { Account } from './entities/account';
import { Session } from './entities/session';

/** Per-request loaders: each batch is one SQL statement. */
export function createLoaders(db: DataSource) {
  return {
    accountById: loaderByKey(
      (ids: readonly string[]) => db.getRepository(Account).findBy({ id: In([...ids]) }),
      (account) => account.id,
    ),
    activeSessionsByAccount: loaderByGroup(
      (accountIds: readonly string[]) =>
        db.getRepository(Session).find({
          where: {
            accountId: In([...accountIds]),
            revokedAt: IsNull(),
            expiresAt: MoreThan(new Date()),
          },
          order: { createdAt: 'DESC' },
        }),
      (session) => session.accountId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
