/**
 * DDL every producer and consumer migration shares, so the event tables look the same in
 * every schema. Used from each subgraph's own migration (schema-qualified, like all of ours).
 */
export function outboxTableStatements(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."outbox" (
       "position" bigserial PRIMARY KEY,
       "id" uuid NOT NULL CONSTRAINT "outbox_id_key" UNIQUE,
       "type" text NOT NULL,
       "payload" jsonb NOT NULL,
       "occurred_at" timestamptz NOT NULL DEFAULT now(),
       -- The writing transaction: relays read in (txid, position) order, see Outbox.
       "txid" xid8 NOT NULL DEFAULT pg_current_xact_id()
     )`,
    `CREATE INDEX "outbox_txid_position_idx" ON "${schema}"."outbox" ("txid", "position")`,
    `CREATE TABLE "${schema}"."outbox_cursors" (
       "consumer_group" text PRIMARY KEY,
       "txid" xid8 NOT NULL,
       "position" bigint NOT NULL,
       "updated_at" timestamptz NOT NULL DEFAULT now()
     )`,
  ];
}

export const dropOutboxTableStatements = (schema: string): string[] => [
  `DROP TABLE "${schema}"."outbox_cursors"`,
  `DROP TABLE "${schema}"."outbox"`,
];

/** The consumer's memory of applied events: the primary key makes applying idempotent. */
export function processedEventsTableStatements(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}"."processed_events" (
       "consumer_group" text NOT NULL,
       "event_id" uuid NOT NULL,
       "processed_at" timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY ("consumer_group", "event_id")
     )`,
  ];
}

export const dropProcessedEventsTableStatements = (schema: string): string[] => [
  `DROP TABLE "${schema}"."processed_events"`,
];

/**
 * Issue 12: the W3C traceparent of the span that recorded each event (event.record), so
 * consumers' spans continue the producing request's trace. Null: recorded untraced.
 */
export const outboxTraceParentStatements = (schema: string): string[] => [
  `ALTER TABLE "${schema}"."outbox" ADD COLUMN "trace_parent" text`,
];

export const dropOutboxTraceParentStatements = (schema: string): string[] => [
  `ALTER TABLE "${schema}"."outbox" DROP COLUMN "trace_parent"`,
];
