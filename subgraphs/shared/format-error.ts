import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger';

/**
 * Masks unexpected errors outside development: the client sees the contract's
 * INTERNAL_SERVER_ERROR and nothing of the cause, which goes to the log instead.
 */
export function createFormatError(log: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code !== 'INTERNAL_SERVER_ERROR' && code !== undefined) return formatted;
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
