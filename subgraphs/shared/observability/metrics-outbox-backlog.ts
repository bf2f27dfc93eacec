import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { TOPOLOGY, type SubgraphName } from '../topology';
import { CONSUMER_GROUPS, EVENT_PRODUCERS, type EventType } from '../events/catalog';
import { RELAY_CURSOR_GROUP } from '../events/redis-streams-shared';
import type { ServiceMetrics } from './metrics';

/** Counting stops here: a backlog this long says enough, and the query stays cheap. */
export const BACKLOG_COUNT_LIMIT = 10_000;
/** A scrape never waits long on the database. */
export const BACKLOG_STATEMENT_TIMEOUT_MS = 500;

/** A reader of the outbox that keeps its place in outbox_cursors, and what it reads. */
export interface OutboxReader {
  group: string;
  types: readonly EventType[];
}

/**
 * Who takes events out of a producer's outbox. On Redis Streams, the relay alone (its
 * cursor `redis-relay`; past that the stream's consumer groups have them). In-process,
 * each consumer group of the producer's events reads it directly with its own cursor.
 */
export function outboxReaders(producer: SubgraphName, relayed: boolean): OutboxReader[] {
  const produced = (Object.keys(EVENT_PRODUCERS) as EventType[]).filter(
    (type) => EVENT_PRODUCERS[type] === producer,
  );
  if (relayed) return [{ group: RELAY_CURSOR_GROUP, types: produced }];
  return CONSUMER_GROUPS.map((g) => ({
    group: g.group,
    types: g.types.filter((type) => produced.includes(type)),
  })).filter((reader) => reader.types.length > 0);
}

/**
 * `campus_outbox_backlog{producer,group}`: events of the producer's outbox a reader has not
 * yet taken (rows after its cursor, all of them when it has none yet), counted at scrape up
 * to BACKLOG_COUNT_LIMIT under a short statement timeout.
 */
export function observeOutboxBacklog(
  metrics: ServiceMetrics,
  db: DataSource,
  producer: SubgraphName,
  readers: readonly OutboxReader[],
  log: Logger,
): void {
  const { schema } = TOPOLOGY[producer];
  const count = `SELECT count(*)::int AS "pending" FROM (
      SELECT 1 FROM "${schema}"."outbox" o
        LEFT JOIN "${schema}"."outbox_cursors" c ON c."consumer_group" = $1
       WHERE (c."consumer_group" IS NULL OR (o."txid", o."position") > (c."txid", c."position"))
         AND o."type" = ANY($2::text[])
       LIMIT $3) AS "rows"`;
  metrics.gaugeAtScrape(
    {
      name: 'campus_outbox_backlog',
      help: `Events in a producer's outbox not yet taken by a reader (the relay on Redis, else each consumer group); counted up to ${BACKLOG_COUNT_LIMIT}.`,
      labelNames: ['producer', 'group'],
    },
    async () => {
      if (!db.isInitialized) return [];
      try {
        return await db.transaction(async (manager) => {
          await manager.query(`SET LOCAL statement_timeout = ${BACKLOG_STATEMENT_TIMEOUT_MS}`);
          const samples: [{ producer: string; group: string }, number][] = [];
          for (const reader of readers) {
            const [row] = (await manager.query(count, [
              reader.group,
              [...reader.types],
              BACKLOG_COUNT_LIMIT,
            ])) as { pending: number }[];
            samples.push([{ producer, group: reader.group }, row?.pending ?? 0]);
          }
          return samples;
        });
      } catch (error) {
        log.warn({ err: error, producer }, 'counting the outbox backlog failed');
        return [];
      }
    },
  );
}
