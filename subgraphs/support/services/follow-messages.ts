import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { requireUuid } from '../../shared/ids';
import type { SupportMessage } from '../entities/support-message';
import { MESSAGE_PAGE, messagesAfter, newestMessageId } from './message-log';
import { participantSession } from './participants';
import { messagesTopic, type MessageAddedNotice } from './topics';
import { streamOnWakeUps, WakeUps } from './wake-ups';

/**
 * supportMessageAdded: the session's messages after `after` (or, without it, after the
 * newest one at subscription time), in id order, with no gap and no duplicate.
 *
 * The topic listener is attached BEFORE the starting point is read, so every message
 * committed later wakes this stream up. Wake-ups are never the data: each one reads the
 * stored messages with ids above the last one yielded, and since the ids of a session are
 * made and committed in order (sendSupportMessage), that read misses nothing committed
 * before it and repeats nothing yielded before.
 *
 * Errors are thrown here, before the stream exists, so the client receives them as the
 * operation's errors: UNAUTHENTICATED, BAD_USER_INPUT (`sessionId`, `after`), NOT_FOUND,
 * FORBIDDEN.
 */
export async function followSupportMessages(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { sessionId: string; after?: string | null },
): Promise<AsyncIterableIterator<SupportMessage>> {
  const { sessionId } = input;
  const after = input.after ?? null;
  requireViewer(viewer);
  requireUuid('sessionId', sessionId);
  if (after !== null) requireUuid('after', after);
  await participantSession(ctx.db, viewer, sessionId);

  const wakeUps = WakeUps.of<MessageAddedNotice>(
    ctx.pubsub,
    messagesTopic(sessionId),
    (notice) => notice.sessionId,
  );
  let start: string | null;
  try {
    start = after ?? (await newestMessageId(ctx.db, sessionId));
  } catch (error) {
    await wakeUps.return();
    throw error;
  }

  return streamOnWakeUps(wakeUps, async function* (woken) {
    let last = start;
    /** Every stored message above `last`, a page (one statement) at a time. */
    async function* newMessages(): AsyncGenerator<SupportMessage, void, undefined> {
      for (;;) {
        const page = await messagesAfter(ctx.db, sessionId, last);
        for (const message of page) {
          last = message.id;
          yield message;
        }
        if (page.length < MESSAGE_PAGE) return;
      }
    }
    if (after !== null) yield* newMessages();
    while (!(await woken.next()).done) yield* newMessages();
  });
}
