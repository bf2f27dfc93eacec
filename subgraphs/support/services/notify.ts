import type { ServiceContext } from '../../shared/context';
import type { SupportSession } from '../entities/support-session';
import type { SupportMessage } from '../entities/support-message';
import {
  messagesTopic,
  QUEUE_TOPIC,
  sessionTopic,
  type MessageAddedNotice,
  type SessionChangedNotice,
} from './topics';

/**
 * Publishes after commit. A failed publish is logged, not thrown: the change is already
 * stored, and failing the mutation would make the client retry a write that succeeded.
 * Subscribers still see it on their next wake-up, since they re-read everything new.
 */
async function publish<T>(ctx: ServiceContext, topic: string, payload: T): Promise<void> {
  try {
    await ctx.pubsub.publish(topic, payload);
  } catch (error) {
    ctx.log.warn({ err: error, topic }, 'support notification not published');
  }
}

export const notifyMessageAdded = (ctx: ServiceContext, message: SupportMessage) =>
  publish<MessageAddedNotice>(ctx, messagesTopic(message.sessionId), {
    sessionId: message.sessionId,
    messageId: message.id,
  });

const sessionNotice = (session: SupportSession): SessionChangedNotice => ({
  sessionId: session.id,
  status: session.status,
  assigneeId: session.assigneeId,
});

/** A new session: the admins' queue hears of it (nobody can follow it by id yet). */
export const notifySessionOpened = (ctx: ServiceContext, session: SupportSession) =>
  publish(ctx, QUEUE_TOPIC, sessionNotice(session));

/** A session's status or assignee changed: its followers and the queue hear of it. */
export async function notifySessionChanged(
  ctx: ServiceContext,
  session: SupportSession,
): Promise<void> {
  const notice = sessionNotice(session);
  await publish(ctx, sessionTopic(session.id), notice);
  await publish(ctx, QUEUE_TOPIC, notice);
}
