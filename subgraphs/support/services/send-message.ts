import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { conflict } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { SupportMessage } from '../entities/support-message';
import { SupportSession } from '../entities/support-session';
import { lockSession } from './locked-session';
import { messageBody } from './message-body';
import { messageIdAfter } from './message-ids';
import { newestMessageId } from './message-log';
import { notifyMessageAdded } from './notify';
import { requireParticipant } from './participants';

/**
 * sendSupportMessage: a participant adds a message. The session row stays locked from
 * before the id is made until the commit, so the ids of one session are made and
 * committed in the same order: a subscriber reading "ids above the last one I sent" after
 * a notification can never miss a message committed later with a smaller id.
 * UNAUTHENTICATED, BAD_USER_INPUT (`sessionId`, `body`), NOT_FOUND, FORBIDDEN for a
 * non-participant, CONFLICT when the session is CLOSED.
 */
export async function sendSupportMessage(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { sessionId: string; body: string },
  options: { at?: Date } = {},
): Promise<SupportMessage> {
  requireViewer(viewer);
  requireUuid('sessionId', input.sessionId);
  const body = messageBody('body', input.body);

  const message = await ctx.db.transaction(async (manager) => {
    const session = await lockSession(manager, input.sessionId);
    const sender = requireParticipant(viewer, session);
    if (session.status === 'CLOSED') throw conflict('This support session is closed.');
    const at = options.at ?? new Date();
    const message = manager.create(SupportMessage, {
      id: messageIdAfter(await newestMessageId(manager, session.id), at),
      sessionId: session.id,
      senderId: sender.id,
      body,
      createdAt: at,
    });
    await manager.insert(SupportMessage, message);
    await manager.update(SupportSession, { id: session.id }, { lastMessageAt: at });
    return message;
  });
  await notifyMessageAdded(ctx, message);
  return message;
}
