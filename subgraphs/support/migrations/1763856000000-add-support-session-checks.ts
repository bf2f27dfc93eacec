import type { MigrationInterface, QueryRunner } from 'typeorm';

// Raw SQL is schema-qualified, like the first migration (typeorm/typeorm#6734). The
// mutations check these rules first and answer with the contract's errors; the
// constraints keep any other writer (a script, a later bug) from breaking them.
export class AddSupportSessionChecks1763856000000 implements MigrationInterface {
  name = 'AddSupportSessionChecks1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "support"."support_sessions"
        ADD CONSTRAINT "support_sessions_subject_length"
          CHECK (char_length("subject") BETWEEN 1 AND 200),
        ADD CONSTRAINT "support_sessions_assigned_has_assignee"
          CHECK ("status" <> 'ASSIGNED' OR "assignee_id" IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "support"."support_sessions"
        DROP CONSTRAINT "support_sessions_assigned_has_assignee",
        DROP CONSTRAINT "support_sessions_subject_length"`);
  }
}
