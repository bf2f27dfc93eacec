import { GraphQLError } from 'graphql';

/** The contract's error codes; every error a resolver throws carries one of them. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

const error = (code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/**
 * No HTTP status here: a subgraph answers 200 with the error in the body, so the gateway
 * passes it on as a GraphQL error (only the gateway's own token check answers 401).
 */
export const unauthenticated = (message = 'You must be signed in.') =>
  error('UNAUTHENTICATED', message);

export const forbidden = (message = 'You are not allowed to do this.') =>
  error('FORBIDDEN', message);

/** Validation failure; `field` names the input field at fault, as the contract asks. */
export const badUserInput = (field: string, message: string) =>
  error('BAD_USER_INPUT', message, { field });

export const notFound = (message = 'Not found.') => error('NOT_FOUND', message);

export const conflict = (message: string) => error('CONFLICT', message);

export const rateLimited = (retryAfterSeconds: number, message = 'Too many attempts.') =>
  error('RATE_LIMITED', message, { retryAfterSeconds });
