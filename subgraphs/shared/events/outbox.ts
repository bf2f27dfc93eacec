import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { TOPOLOGY, type SubgraphName } from '../topology';
import type { DomainEvent, EventPayloads, EventType } from './catalog';
import { traceEventRecord } from './event-tracing';

/**
 * Where a consumer group stands in an outbox. Rows are read in (txid, position) order:
 * a row becomes readable only once every transaction older than the snapshot's xmin has
 * ended, so a transaction that commits late can never land behind the cursor (a plain
 * sequence cursor would skip it).
 */
export interface OutboxCursor {
  txid: string;
  position: string;
}

export const START_OF_OUTBOX: OutboxCursor = { txid: '0', position: '0' };

export interface OutboxRecord {
  cursor: OutboxCursor;
  event: DomainEvent;
}

interface OutboxRow {
  txid: string;
  position: string;
  id: string;
  type: EventType;
  payload: EventPayloads[EventType];
  occurred_at: Date;
  trace_parent: string | null;
}

/**
 * A producing subgraph's transactional outbox (`<schema>.outbox`): events are written in
 * the same transaction as the change they describe, and relayed from here afterwards. Only
 * the producer's own role reads and writes it, including the delivery cursors.
 */
export class Outbox {
  private readonly table: string;
  private readonly cursors: string;

  constructor(
    readonly producer: SubgraphName,
    private readonly db: DataSource,
  ) {
    const { schema } = TOPOLOGY[producer];
    this.table = `"${schema}"."outbox"`;
    this.cursors = `"${schema}"."outbox_cursors"`;
  }

  /**
   * Records an event inside the caller's transaction, in an `event.record` span of the
   * request's trace whose context is stored with it (see event-tracing.ts).
   */
  append<T extends EventType>(
    manager: EntityManager,
    type: T,
    payload: EventPayloads[T],
  ): Promise<DomainEvent<T>> {
    const id = uuidv7();
    return traceEventRecord({ id, type, producer: this.producer }, async (traceParent) => {
      // The column is named only when there is a value: migrations older than the one
      // adding it record events too (untraced: no request is active then).
      const [row] = (await manager.query(
        traceParent === undefined
          ? `INSERT INTO ${this.table} ("id", "type", "payload") VALUES ($1, $2, $3)
             RETURNING "occurred_at"`
          : `INSERT INTO ${this.table} ("id", "type", "payload", "trace_parent")
             VALUES ($1, $2, $3, $4) RETURNING "occurred_at"`,
        [id, type, JSON.stringify(payload), ...(traceParent === undefined ? [] : [traceParent])],
      )) as { occurred_at: Date }[];
      return {
        id,
        type,
        producer: this.producer,
        occurredAt: row?.occurred_at ?? new Date(),
        payload,
        ...(traceParent === undefined ? {} : { traceParent }),
      };
    });
  }

  /** The next events of `types` after `cursor`, oldest first. */
  async readAfter(
    cursor: OutboxCursor,
    types: readonly EventType[],
    limit = 100,
  ): Promise<OutboxRecord[]> {
    const rows = (await this.db.query(
      `SELECT "txid"::text AS "txid", "position"::text AS "position",
              "id", "type", "payload", "occurred_at", "trace_parent"
         FROM ${this.table}
        WHERE ("txid", "position") > ($1::xid8, $2::bigint)
          AND "txid" < pg_snapshot_xmin(pg_current_snapshot())
          AND "type" = ANY($3::text[])
        ORDER BY "txid", "position"
        LIMIT $4`,
      [cursor.txid, cursor.position, [...types], limit],
    )) as OutboxRow[];
    return rows.map((row) => ({
      cursor: { txid: row.txid, position: row.position },
      event: {
        id: row.id,
        type: row.type,
        producer: this.producer,
        occurredAt: row.occurred_at,
        payload: row.payload,
        ...(row.trace_parent === null ? {} : { traceParent: row.trace_parent }),
      },
    }));
  }

  /** Where `group` stands; a group never seen before starts at the beginning. */
  async loadCursor(group: string): Promise<OutboxCursor> {
    const [row] = (await this.db.query(
      `SELECT "txid"::text AS "txid", "position"::text AS "position"
         FROM ${this.cursors} WHERE "consumer_group" = $1`,
      [group],
    )) as OutboxCursor[];
    return row ?? START_OF_OUTBOX;
  }

  async saveCursor(group: string, cursor: OutboxCursor): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.cursors} ("consumer_group", "txid", "position", "updated_at")
       VALUES ($1, $2::xid8, $3::bigint, now())
       ON CONFLICT ("consumer_group")
       DO UPDATE SET "txid" = EXCLUDED."txid", "position" = EXCLUDED."position",
                     "updated_at" = now()`,
      [group, cursor.txid, cursor.position],
    );
  }
}
