import type { DataSource } from 'typeorm';
import { SupportMessage } from '../entities/support-message';
import type { MessageWindow } from './message-window';

interface MessageRow {
  id: string;
  sessionId: string;
  senderId: string;
  body: string;
  createdAt: Date;
  /** 1-based position of the window the row belongs to. */
  window: number;
}

// One statement for any number of windows, even with different arguments: each window is
// a row of unnest(...), its messages are ranked newest first inside it and cut at `first`.
const LATEST_MESSAGES_SQL = `
  SELECT ranked.id, ranked."sessionId", ranked."senderId", ranked.body, ranked."createdAt",
         ranked."window"
  FROM (
    SELECT m.id, m.session_id AS "sessionId", m.sender_id AS "senderId", m.body,
           m.created_at AS "createdAt", w.slot::int AS "window", w.first,
           ROW_NUMBER() OVER (PARTITION BY w.slot ORDER BY m.id DESC) AS rank
    FROM unnest($1::uuid[], $2::int[], $3::uuid[]) WITH ORDINALITY
           AS w(session_id, first, before, slot)
    JOIN "support"."support_messages" m
      ON m.session_id = w.session_id AND (w.before IS NULL OR m.id < w.before)
  ) ranked
  WHERE ranked.rank <= ranked.first
  ORDER BY ranked."window", ranked.id`;

/** For each window, its messages oldest first (ids are UUIDv7, so id order is time order). */
export async function latestMessages(
  db: DataSource,
  windows: readonly MessageWindow[],
): Promise<SupportMessage[][]> {
  const rows: MessageRow[] = await db.query(LATEST_MESSAGES_SQL, [
    windows.map((w) => w.sessionId),
    windows.map((w) => w.first),
    windows.map((w) => w.before),
  ]);
  const repository = db.getRepository(SupportMessage);
  const result = windows.map((): SupportMessage[] => []);
  for (const { window, ...message } of rows) {
    result[window - 1]?.push(repository.create(message));
  }
  return result;
}
