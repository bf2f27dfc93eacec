import type { CombinedError } from 'urql';

/** A GraphQL error as it arrives: message and `extensions.code` (and friends). */
export interface WireError {
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * The contract's error codes in words a person understands. `retryAfterSeconds` of
 * RATE_LIMITED becomes the wait.
 */
export function plainWords(error: WireError): string {
  const code = error.extensions?.code;
  switch (code) {
    case 'CONFLICT':
      if (/no seat/i.test(error.message)) return 'Sorry, this course is full: no seat is left.';
      return error.message;
    case 'RATE_LIMITED': {
      const wait = Number(error.extensions?.retryAfterSeconds ?? 0);
      return wait > 0
        ? `Too many attempts. Please wait ${formatWait(wait)} and try again.`
        : 'Too many attempts. Please wait a moment and try again.';
    }
    case 'UNAUTHENTICATED':
      return /password|email/i.test(error.message)
        ? 'Wrong email or password.'
        : 'Your session has expired. Please sign in again.';
    case 'FORBIDDEN':
      return /suspend/i.test(error.message)
        ? 'This account is suspended.'
        : 'You are not allowed to do that.';
    case 'NOT_FOUND':
      return 'That does not exist (any more).';
    case 'BAD_USER_INPUT':
      return error.message;
    case 'INTERNAL_SERVER_ERROR':
      return 'Something went wrong on our side. Please try again.';
    default:
      return error.message;
  }
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} second${Math.ceil(seconds) === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** One sentence for whatever urql reports (network trouble or GraphQL errors). */
export function describeError(error: CombinedError | undefined): string | null {
  if (!error) return null;
  if (error.networkError) {
    return 'Cannot reach Campus right now. Check your connection; retrying may help.';
  }
  const first = error.graphQLErrors[0];
  return first ? plainWords(first) : error.message;
}
