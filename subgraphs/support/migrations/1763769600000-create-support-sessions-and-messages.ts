import type { MigrationInterface, QueryRunner } from 'typeorm';

// Raw SQL is schema-qualified: TypeORM does not apply the connection's schema to it
// (typeorm/typeorm#6734). Customer, assignee and sender are auth's users: plain uuids.
export class CreateSupportSessionsAndMessages1763769600000 implements MigrationInterface {
  name = 'CreateSupportSessionsAndMessages1763769600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "support"."support_sessions" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "subject" text NOT NULL,
        "status" text NOT NULL DEFAULT 'OPEN'
          CONSTRAINT "support_sessions_status_check"
          CHECK ("status" IN ('OPEN', 'ASSIGNED', 'RESOLVED', 'CLOSED')),
        "customer_id" uuid NOT NULL,
        "assignee_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_message_at" timestamptz
      )`);
    await q.query(
      `CREATE INDEX "support_sessions_customer_id_idx" ON "support"."support_sessions" ("customer_id")`,
    );
    await q.query(
      `CREATE INDEX "support_sessions_assignee_id_idx" ON "support"."support_sessions" ("assignee_id")`,
    );
    // The queue: sessions of a status, longest waiting first.
    await q.query(
      `CREATE INDEX "support_sessions_status_last_message_at_idx"
         ON "support"."support_sessions" ("status", "last_message_at", "id")`,
    );
    // No id default: the application makes UUIDv7 ids, which sort in creation order.
    await q.query(`
      CREATE TABLE "support"."support_messages" (
        "id" uuid PRIMARY KEY,
        "session_id" uuid NOT NULL
          REFERENCES "support"."support_sessions" ("id") ON DELETE CASCADE,
        "sender_id" uuid NOT NULL,
        "body" text NOT NULL
          CONSTRAINT "support_messages_body_length"
          CHECK (char_length("body") BETWEEN 1 AND 4000),
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "support_messages_session_id_id_idx" ON "support"."support_messages" ("session_id", "id")`,
    );
    await q.query(
      `CREATE INDEX "support_messages_sender_id_idx" ON "support"."support_messages" ("sender_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "support"."support_messages"`);
    await q.query(`DROP TABLE "support"."support_sessions"`);
  }
}
