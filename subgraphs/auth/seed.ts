import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS } from '../shared/demo/catalog';
import type { Logger } from '../shared/logger';
import { Account } from './entities/account';
import { hashPassword } from './services/passwords';

/** Demo accounts (contract: Demo data). Inserts only what is missing, so reruns add nothing. */
export async function seedAuth(db: DataSource, log: Logger): Promise<void> {
  const accounts = db.getRepository(Account);
  const existing = new Set((await accounts.find({ select: { id: true } })).map((a) => a.id));
  const missing = DEMO_USERS.filter((u) => !existing.has(u.id));
  if (missing.length === 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await accounts
    .createQueryBuilder()
    .insert()
    .values(
      missing.map((u) => ({
        id: u.id,
        email: u.email,
        passwordHash,
        role: u.role,
        emailVerified: true,
      })),
    )
    .orIgnore()
    .execute();
  log.info({ accounts: missing.length }, 'seeded demo accounts');
}
