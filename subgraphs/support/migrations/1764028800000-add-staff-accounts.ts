import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropProcessedEventsTableStatements,
  processedEventsTableStatements,
} from '../../shared/events/migrations';

// Raw SQL is schema-qualified, like the first migration (typeorm/typeorm#6734).
// Only an active ADMIN may be assigned a session. Roles are auth's: support learns them
// from auth's events (consumer group support.staff) into its own table, never from auth's.
export class AddStaffAccounts1764028800000 implements MigrationInterface {
  name = 'AddStaffAccounts1764028800000';

  async up(q: QueryRunner): Promise<void> {
    // Which events support.staff already applied: redeliveries change nothing.
    for (const statement of processedEventsTableStatements('support')) await q.query(statement);
    // Looked up by primary key only (assignment, the consumer), so no other index.
    await q.query(`
      CREATE TABLE "support"."staff_accounts" (
        "user_id" uuid PRIMARY KEY,
        "role" text NOT NULL
          CONSTRAINT "staff_accounts_role_check" CHECK ("role" IN ('STUDENT', 'INSTRUCTOR', 'ADMIN')),
        "status" text NOT NULL
          CONSTRAINT "staff_accounts_status_check" CHECK ("status" IN ('ACTIVE', 'SUSPENDED')),
        "version" integer NOT NULL CONSTRAINT "staff_accounts_version_check" CHECK ("version" >= 0),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "support"."staff_accounts"`);
    for (const statement of dropProcessedEventsTableStatements('support')) await q.query(statement);
  }
}
