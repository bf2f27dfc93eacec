import { In } from 'typeorm';
import { requireAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { SupportSession } from '../entities/support-session';
import { QUEUE_TOPIC, type SessionChangedNotice } from './topics';
import { streamOnWakeUps, WakeUps } from './wake-ups';

/**
 * supportQueueUpdated (admins only): each session opened or changed, re-read from
 * PostgreSQL; sessions changed while the admin's client was busy come together, in the
 * order they were first notified, one statement per batch. UNAUTHENTICATED, FORBIDDEN.
 */
export async function followSupportQueue(
  ctx: ServiceContext,
  viewer: Viewer | null,
): Promise<AsyncIterableIterator<SupportSession>> {
  requireAdmin(viewer);
  const wakeUps = WakeUps.of<SessionChangedNotice>(
    ctx.pubsub,
    QUEUE_TOPIC,
    (notice) => notice.sessionId,
  );
  return streamOnWakeUps(wakeUps, async function* (woken) {
    for await (const sessionIds of woken) {
      const sessions = await ctx.db.getRepository(SupportSession).findBy({ id: In(sessionIds) });
      const byId = new Map(sessions.map((session) => [session.id, session]));
      for (const id of sessionIds) {
        const session = byId.get(id);
        if (session) yield session;
      }
    }
  });
}
