import type { EntityManager } from 'typeorm';
import { Account } from '../entities/account';

/** The account with its password hash (not selected by default), or null. */
export function accountWithPasswordHash(
  manager: EntityManager,
  where: { id: string } | { email: string },
): Promise<Account | null> {
  const [column, value] = 'id' in where ? ['id', where.id] : ['email', where.email];
  return manager
    .getRepository(Account)
    .createQueryBuilder('account')
    .addSelect('account.passwordHash')
    .where(`account.${column} = :value`, { value })
    .getOne();
}
