import type { RequestHandler } from 'express';
import { sendGraphQLError } from '../subgraphs/shared/graphql-http';
import { checkVariables } from './limits';

/** `variables` (and `extensions`) of a POST body or a GET query string. */
function requestParts(body: unknown, query: Record<string, unknown>): unknown[] {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { variables, extensions } = body as Record<string, unknown>;
    return [variables, extensions];
  }
  return ['variables', 'extensions'].map((name) => {
    const text = query[name];
    if (typeof text !== 'string') return undefined;
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
export const guardVariables: RequestHandler = (req, res, next) => {
  for (const part of requestParts(req.body, req.query as Record<string, unknown>)) {
    const refused = checkVariables(part);
    if (refused) return sendGraphQLError(res, 400, refused.message, { code: 'BAD_USER_INPUT' });
  }
  next();
};

/**
 * While the gateway drains, a request still arriving on an open connection gets a clean
 * 503 that says so (and the connection is closed), not a reset.
 */
export const refuseWhileDraining =
  (draining: () => boolean): RequestHandler =>
  (_req, res, next) => {
    if (!draining()) return next();
    res.setHeader('connection', 'close');
    res.setHeader('retry-after', '1');
    sendGraphQLError(res, 503, 'The gateway is shutting down. Retry in a moment.', {
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'SHUTTING_DOWN',
    });
  };
