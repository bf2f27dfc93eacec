import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropOutboxTraceParentStatements,
  outboxTraceParentStatements,
} from '../../shared/events/migrations';

/** Issue 12: each outbox row keeps the trace context of the request that recorded it. */
export class AddOutboxTraceParent1764115200000 implements MigrationInterface {
  name = 'AddOutboxTraceParent1764115200000';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of outboxTraceParentStatements('auth')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of dropOutboxTraceParentStatements('auth')) await q.query(statement);
  }
}
