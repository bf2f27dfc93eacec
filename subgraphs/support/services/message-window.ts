import { badUserInput } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';

export const DEFAULT_MESSAGES = 50;
export const MAX_MESSAGES = 100;

/** Which messages of a session to read: the latest `first` with ids below `before`. */
export interface MessageWindow {
  sessionId: string;
  first: number;
  before: string | null;
}

/** Validates `SupportSession.messages` arguments (BAD_USER_INPUT naming the field). */
export function messageWindow(
  sessionId: string,
  args: { first?: number | null; before?: string | null },
): MessageWindow {
  const first = args.first ?? DEFAULT_MESSAGES;
  if (!Number.isInteger(first) || first < 0 || first > MAX_MESSAGES) {
    throw badUserInput('first', `first must be between 0 and ${MAX_MESSAGES}.`);
  }
  const before = args.before ?? null;
  if (before !== null) requireUuid('before', before);
  return { sessionId, first, before };
}

/** The loader key: one cache entry per session and arguments. */
export const messageWindowKey = ({ sessionId, first, before }: MessageWindow): string =>
  `${sessionId}|${first}|${before ?? ''}`;
