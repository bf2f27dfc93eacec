import type { Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { SupportSession } from '../entities/support-session';
import { participantSession } from './participants';
import { sessionTopic, type SessionChangedNotice } from './topics';
import { streamOnWakeUps, WakeUps } from './wake-ups';

/**
 * supportSessionUpdated: the session, re-read from PostgreSQL, each time its status or
 * assignee changed (changes in quick succession may arrive as one, in their final state).
 * UNAUTHENTICATED, BAD_USER_INPUT (`sessionId`), NOT_FOUND, FORBIDDEN.
 */
export async function followSupportSession(
  ctx: ServiceContext,
  viewer: Viewer | null,
  sessionId: string,
): Promise<AsyncIterableIterator<SupportSession>> {
  await participantSession(ctx.db, viewer, sessionId);
  const wakeUps = WakeUps.of<SessionChangedNotice>(
    ctx.pubsub,
    sessionTopic(sessionId),
    (notice) => notice.sessionId,
  );
  return streamOnWakeUps(wakeUps, async function* (woken) {
    while (!(await woken.next()).done) {
      const session = await ctx.db.getRepository(SupportSession).findOneBy({ id: sessionId });
      if (session) yield session;
    }
  });
}
