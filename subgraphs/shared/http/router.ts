import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { sendGraphQLError } from './respond';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A path and, optionally, the one method it answers (else every method). */
export interface Route {
  path: string;
  method?: string;
  handle: Handler;
}

const pathOf = (url = '/'): string => {
  const end = url.indexOf('?');
  return end >= 0 ? url.slice(0, end) : url;
};

/**
 * The request listener of a service: exact paths, a JSON 404 for the rest, and a JSON 500
 * without details (they go to the log) for anything that escapes a handler.
 */
export function routes(
  list: Route[],
  log: { error: (obj: object, msg: string) => void },
): RequestListener {
  return (req, res) => {
    const path = pathOf(req.url);
    const route = list.find((r) => r.path === path && (!r.method || r.method === req.method));
    if (!route) {
      return sendGraphQLError(res, 404, 'Not found.', { code: 'NOT_FOUND' });
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error: unknown) => {
        log.error({ err: error }, 'request failed outside GraphQL');
        if (res.headersSent) return void res.destroy();
        sendGraphQLError(res, 500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
      });
  };
}
