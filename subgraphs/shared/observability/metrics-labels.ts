/**
 * Label values come from bounded sets only: every distinct value is a series Prometheus
 * keeps, so a client must not be able to create them at will, and no value a client typed
 * (variables, tokens, messages) may become one.
 */

/** A GraphQL name, as short as a dashboard can show. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** Distinct operation names one service labels; later ones count as `other`. */
export const MAX_OPERATION_NAMES = 200;

export const OTHER = 'other';
export const ANONYMOUS = 'anonymous';

/** Remembers the first `max` distinct values it is given; anything new after that is `other`. */
export class BoundedLabelValues {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(value);
    return value;
  }
}

/** The `operation` label: a GraphQL operation name, `anonymous`, or `other`. */
export function operationLabel(names: BoundedLabelValues, name: unknown): string {
  if (name === null || name === undefined || name === '') return ANONYMOUS;
  if (typeof name !== 'string' || !GRAPHQL_NAME.test(name)) return OTHER;
  return names.label(name);
}

/**
 * The codes an error label may carry: the contract's (subgraphs/shared/errors.ts), Apollo
 * Server's, and the gateway's own.
 */
export const ERROR_CODE_LABELS: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'SHUTTING_DOWN',
]);

/**
 * The `code` label of an error, from its `extensions.code` only. An error without a code
 * reaches the client as INTERNAL_SERVER_ERROR (Apollo's default), so it counts as that.
 */
export function errorCodeLabel(code: unknown): string {
  if (code === undefined || code === null) return 'INTERNAL_SERVER_ERROR';
  return typeof code === 'string' && ERROR_CODE_LABELS.has(code) ? code : OTHER;
}
