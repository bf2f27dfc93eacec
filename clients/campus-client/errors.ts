import type { GraphQLFormattedError } from 'graphql';

/** Codes of failures that never reached GraphQL (no answer, or not a GraphQL answer). */
export type TransportErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/**
 * A failed operation. `code` is the contract's `extensions.code` of the first error
 * (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT, RATE_LIMITED,
 * INTERNAL_SERVER_ERROR…), or NETWORK_ERROR / BAD_RESPONSE when the gateway could not be
 * reached or did not answer with GraphQL. `retryAfterSeconds` (RATE_LIMITED) and `field`
 * (BAD_USER_INPUT) are copied from the first error that has them.
 */
export class CampusError extends Error {
  override readonly name = 'CampusError';
  readonly code: string;
  readonly retryAfterSeconds?: number;
  readonly field?: string;
  /** Every GraphQL error of the answer (empty for transport failures). */
  readonly errors: readonly GraphQLFormattedError[];
  /** The HTTP status, when there was an HTTP answer. */
  readonly status?: number;
  /** Partial data that came with the errors, if any. */
  readonly data?: unknown;

  constructor(
    message: string,
    options: {
      code: string;
      errors?: readonly GraphQLFormattedError[];
      status?: number;
      data?: unknown;
      cause?: unknown;
    },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.errors = options.errors ?? [];
    this.status = options.status;
    this.data = options.data;
    const retryAfter = this.errors.map((e) => e.extensions?.retryAfterSeconds).find(isNumber);
    if (retryAfter !== undefined) this.retryAfterSeconds = retryAfter;
    const field = this.errors.map((e) => e.extensions?.field).find(isString);
    if (field !== undefined) this.field = field;
  }

  /** The error for a GraphQL answer with `errors`. */
  static fromErrors(
    errors: readonly GraphQLFormattedError[],
    context: { status?: number; data?: unknown } = {},
  ): CampusError {
    const first = errors[0];
    const code = first?.extensions?.code;
    return new CampusError(first?.message ?? 'GraphQL error', {
      code: isString(code) ? code : 'INTERNAL_SERVER_ERROR',
      errors,
      ...context,
    });
  }

  /** Whether any error of the answer has `code`. */
  has(code: string): boolean {
    return this.code === code || this.errors.some((e) => e.extensions?.code === code);
  }
}

export const isCampusError = (error: unknown): error is CampusError => error instanceof CampusError;

const isNumber = (value: unknown): value is number => typeof value === 'number';
const isString = (value: unknown): value is string => typeof value === 'string';

/** Turns whatever a graphql-ws sink received (errors, a close event, an Error) into one. */
export function toCampusError(error: unknown): CampusError {
  if (error instanceof CampusError) return error;
  if (Array.isArray(error)) return CampusError.fromErrors(error as GraphQLFormattedError[]);
  if (isCloseEvent(error)) {
    return new CampusError(
      `WebSocket closed (${error.code}${error.reason ? `: ${error.reason}` : ''})`,
      {
        code: error.code === 4403 ? 'FORBIDDEN' : 'NETWORK_ERROR',
        cause: error,
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CampusError(message, { code: 'NETWORK_ERROR', cause: error });
}

const isCloseEvent = (value: unknown): value is { code: number; reason?: string } =>
  typeof value === 'object' &&
  value !== null &&
  'code' in value &&
  typeof (value as { code: unknown }).code === 'number';
