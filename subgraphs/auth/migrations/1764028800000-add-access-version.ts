import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Role } from '../../shared/auth/viewer';
import { Outbox } from '../../shared/events/outbox';

/**
 * user.access-changed: setUserRole and setAccountStatus publish the account's role and
 * status with a version that grows with each change, so consumers (support's staff view)
 * ignore stale events. Accounts whose current access their user.registered event may not
 * tell (admins, suspended accounts, any whose role changed, and accounts older than the
 * outbox) get version 1 and one event with their state now, in this transaction.
 * Raw SQL is schema-qualified, like the first migration.
 */
export class AddAccessVersion1764028800000 implements MigrationInterface {
  name = 'AddAccessVersion1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "auth"."accounts"
        ADD COLUMN "access_version" integer NOT NULL DEFAULT 0
          CONSTRAINT "accounts_access_version_check" CHECK ("access_version" >= 0)`);
    // UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [accounts] = (await q.query(`
      UPDATE "auth"."accounts" SET "access_version" = 1
       WHERE "role" = 'ADMIN' OR "status" <> 'ACTIVE' OR "tokens_valid_after" IS NOT NULL
      RETURNING "id", "role", "status"`)) as [
      { id: string; role: Role; status: 'ACTIVE' | 'SUSPENDED' }[],
      number,
    ];
    const outbox = new Outbox('auth', q.connection);
    for (const account of accounts) {
      await outbox.append(q.manager, 'user.access-changed', {
        userId: account.id,
        role: account.role,
        status: account.status,
        version: 1,
      });
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "auth"."outbox" WHERE "type" = 'user.access-changed'`);
    await q.query(`ALTER TABLE "auth"."accounts" DROP COLUMN "access_version"`);
  }
}
