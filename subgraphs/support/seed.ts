import { In, type DataSource, type EntityManager } from 'typeorm';
import { DEMO_SUPPORT_SESSIONS, type DemoSupportSession } from '../shared/demo/catalog';
import type { Logger } from '../shared/logger';
import { SupportMessage } from './entities/support-message';
import { SupportSession } from './entities/support-session';
import { newMessageId } from './services/message-ids';

const MINUTE = 60_000;

/**
 * Writes one demo session with its messages, one minute apart and ending at `now`.
 * Returns false when another starter inserted the session first (its messages are theirs).
 */
async function insertDemoSession(
  manager: EntityManager,
  demo: DemoSupportSession,
  now: number,
): Promise<boolean> {
  const times = demo.messages.map(
    (_, i) => new Date(now - (demo.messages.length - 1 - i) * MINUTE),
  );
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(SupportSession)
    .values({
      id: demo.id,
      subject: demo.subject,
      status: demo.status,
      customerId: demo.customerId,
      assigneeId: demo.assigneeId,
      createdAt: times[0] ?? new Date(now),
      lastMessageAt: times.at(-1) ?? null,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  if ((inserted.raw as unknown[]).length === 0) return false;
  if (demo.messages.length === 0) return true;
  await manager
    .createQueryBuilder()
    .insert()
    .into(SupportMessage)
    .values(
      demo.messages.map((message, i) => {
        const createdAt = times[i] as Date;
        // Dated by its own time: ids one minute apart sort in message order.
        return { id: newMessageId(createdAt), sessionId: demo.id, ...message, createdAt };
      }),
    )
    .execute();
  return true;
}

/** Demo support sessions (contract: Demo data). A session already present is left as is. */
export async function seedSupport(db: DataSource, log: Logger): Promise<void> {
  const existing = await db.getRepository(SupportSession).find({
    select: { id: true },
    where: { id: In(DEMO_SUPPORT_SESSIONS.map((s) => s.id)) },
  });
  const present = new Set(existing.map((s) => s.id));
  let seeded = 0;
  for (const demo of DEMO_SUPPORT_SESSIONS.filter((s) => !present.has(s.id))) {
    // A session and its messages land together or not at all.
    const added = await db.transaction((manager) => insertDemoSession(manager, demo, Date.now()));
    if (added) seeded += 1;
  }
  if (seeded > 0) log.info({ sessions: seeded }, 'seeded demo support sessions');
}
