import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropProcessedEventsTableStatements,
  processedEventsTableStatements,
} from '../../shared/events/migrations';

// Profiles now come from auth's user.registered event (consumer group users.profiles),
// and instructor profiles are edited through updateInstructorProfile.
export class AddProcessedEvents1763856000000 implements MigrationInterface {
  name = 'AddProcessedEvents1763856000000';

  async up(q: QueryRunner): Promise<void> {
    // Which events the consumer already applied: redeliveries change nothing.
    for (const statement of processedEventsTableStatements('users')) await q.query(statement);
    // Every upsert stamps it, so an upsert with no field given still returns its row.
    await q.query(`
      ALTER TABLE "users"."instructor_profiles"
        ADD COLUMN "updated_at" timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users"."instructor_profiles" DROP COLUMN "updated_at"`);
    for (const statement of dropProcessedEventsTableStatements('users')) await q.query(statement);
  }
}
