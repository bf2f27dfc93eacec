import type { SupportSessionStatus } from '../entities/support-session';

/**
 * The PubSub topics of this subgraph and what their notifications carry. Notifications
 * are wake-ups sent after the change committed; subscribers re-read PostgreSQL, which
 * alone says what is new and in which order.
 */

/** A message was stored in the session. */
export interface MessageAddedNotice {
  sessionId: string;
  messageId: string;
}

/** A session was opened, or its status or assignee changed. */
export interface SessionChangedNotice {
  sessionId: string;
  status: SupportSessionStatus;
  assigneeId: string | null;
}

export const messagesTopic = (sessionId: string): string => `support.session.${sessionId}.messages`;

export const sessionTopic = (sessionId: string): string => `support.session.${sessionId}.updated`;

/** Every session opened or changed, for the admins' queue. */
export const QUEUE_TOPIC = 'support.queue';
