import type { DataSource, EntityManager } from 'typeorm';
import { SupportMessage } from '../entities/support-message';

/** How many messages one catch-up statement reads; a longer backlog takes more pages. */
export const MESSAGE_PAGE = 100;

/**
 * The id of the session's newest message, or null. Inside sendSupportMessage this runs
 * after the session row is locked, as a statement of its own, so that (in READ COMMITTED)
 * it sees the message of the transaction that held the lock before.
 */
export async function newestMessageId(
  db: DataSource | EntityManager,
  sessionId: string,
): Promise<string | null> {
  const rows: { id: string }[] = await db.query(
    `SELECT "id" FROM "support"."support_messages"
      WHERE "session_id" = $1 ORDER BY "id" DESC LIMIT 1`,
    [sessionId],
  );
  return rows[0]?.id ?? null;
}

/**
 * The session's messages with an id above `after` (all of them when null), oldest first,
 * at most `limit`: one statement on the (session_id, id) index.
 */
export function messagesAfter(
  db: DataSource,
  sessionId: string,
  after: string | null,
  limit = MESSAGE_PAGE,
): Promise<SupportMessage[]> {
  const query = db
    .getRepository(SupportMessage)
    .createQueryBuilder('m')
    .where('m.session_id = :sessionId', { sessionId });
  if (after !== null) query.andWhere('m.id > :after', { after });
  return query.orderBy('m.id', 'ASC').limit(limit).getMany();
}
