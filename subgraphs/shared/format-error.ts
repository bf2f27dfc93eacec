import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';

/**
 * INTERNAL_SERVER_ERRORs whose message was written for the client (a service that is
 * down or late, an interrupted subscription, a result that came back incomplete): they
 * name what failed and nothing internal, so they are not masked.
 */
export const PUBLIC_REASONS: ReadonlySet<string> = new Set([
  'SUBGRAPH_UNAVAILABLE',
  'SUBGRAPH_TIMEOUT',
  'SUBSCRIPTION_INTERRUPTED',
  'SHUTTING_DOWN',
  'INCOMPLETE_RESULT',
]);

/**
 * Masks unexpected errors outside development: the client sees the contract's
 * INTERNAL_SERVER_ERROR and nothing of the cause, which goes to the log instead.
 */
export function createFormatError(log: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code !== 'INTERNAL_SERVER_ERROR' && code !== undefined) return formatted;
    const reason = formatted.extensions?.reason;
    if (typeof reason === 'string' && PUBLIC_REASONS.has(reason)) return formatted;
    log.error({ err: error }, 'unexpected error');
    if (development) return formatted;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
