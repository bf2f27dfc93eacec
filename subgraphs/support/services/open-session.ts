import { randomUUID } from 'node:crypto';
import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { requiredText } from '../../shared/validation';
import { SupportMessage } from '../entities/support-message';
import { SupportSession } from '../entities/support-session';
import { messageBody } from './message-body';
import { messageIdAfter } from './message-ids';
import { notifyMessageAdded, notifySessionOpened } from './notify';

export const MAX_SUBJECT_LENGTH = 200;

/** Internal options: the seed's fixed demo id and back-dated time. */
export interface OpenSessionOptions {
  id?: string;
  at?: Date;
}

/**
 * openSupportSession: any signed-in user opens a session as its customer, with its first
 * message, in one transaction (a session never exists without its opening message).
 * UNAUTHENTICATED when anonymous; BAD_USER_INPUT on `subject` or `message`.
 */
export async function openSupportSession(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: { subject: string; message: string },
  options: OpenSessionOptions = {},
): Promise<SupportSession> {
  const customer = requireViewer(viewer);
  const subject = requiredText('subject', input.subject, MAX_SUBJECT_LENGTH);
  const body = messageBody('message', input.message);
  const at = options.at ?? new Date();

  const { session, message } = await ctx.db.transaction(async (manager) => {
    const session = manager.create(SupportSession, {
      id: options.id ?? randomUUID(),
      subject,
      status: 'OPEN',
      customerId: customer.id,
      assigneeId: null,
      createdAt: at,
      lastMessageAt: at,
    });
    await manager.insert(SupportSession, session);
    // The session is new and not yet visible to anyone: nothing to lock for its first id.
    const message = manager.create(SupportMessage, {
      id: messageIdAfter(null, at),
      sessionId: session.id,
      senderId: customer.id,
      body,
      createdAt: at,
    });
    await manager.insert(SupportMessage, message);
    return { session, message };
  });
  await notifyMessageAdded(ctx, message);
  await notifySessionOpened(ctx, session);
  return session;
}
