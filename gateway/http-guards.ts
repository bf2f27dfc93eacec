import type { ServerResponse } from 'node:http';
import type { Refusal } from '../subgraphs/shared/http/graphql-handler';
import { sendGraphQLError } from '../subgraphs/shared/http/respond';
import { checkVariables } from './limits';

/** `variables` (and `extensions`) of a POST body or a GET query string. */
function requestParts(body: unknown, search: URLSearchParams): unknown[] {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { variables, extensions } = body as Record<string, unknown>;
    return [variables, extensions];
  }
  return ['variables', 'extensions'].map((name) => {
    const text = search.get(name);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined; // Apollo Server answers malformed JSON itself
    }
  });
}

/**
 * The shape of `variables` checked on arrival, before Apollo Server coerces anything
 * (the graphql-ws transport runs the same check on every `subscribe` message).
 */
export function variablesRefusal(body: unknown, search: URLSearchParams): Refusal | undefined {
  for (const part of requestParts(body, search)) {
    const refused = checkVariables(part);
    if (refused) {
      return { status: 400, message: refused.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
  }
  return undefined;
}

/**
 * While the gateway drains, a request still arriving on an open connection gets a clean
 * 503 that says so (and the connection is closed), not a reset.
 */
export function refuseWhileDraining(res: ServerResponse): void {
  sendGraphQLError(
    res,
    503,
    'The gateway is shutting down. Retry in a moment.',
    { code: 'INTERNAL_SERVER_ERROR', reason: 'SHUTTING_DOWN' },
    { connection: 'close', 'retry-after': '1' },
  );
}
