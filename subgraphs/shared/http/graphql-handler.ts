import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { serveTraced } from '../observability/server-span';
import { readJsonBody } from './json-body';
import { sendGraphQLError } from './respond';

/** A reason to refuse a request before Apollo Server sees it (status and GraphQL error). */
export interface Refusal {
  status: number;
  message: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The request as Apollo Server should see it, or why it is refused. */
export type Prepared = { body: unknown; search: string } | { refused: Refusal };

export interface GraphQLHandlerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  bodyLimitBytes: number;
  /** The request's context; `traceId` is its trace (for the logger, and calls it makes). */
  context: (req: IncomingMessage, traceId: string) => Promise<C>;
  /** Checks on the parsed request (body and query string), run before any GraphQL work. */
  check?: (body: unknown, search: URLSearchParams) => Refusal | undefined;
  /**
   * Rewrites the request after `check`, before Apollo Server parses anything (the gateway
   * puts a persisted document's text in place of its hash), or refuses it. `search` is the
   * query string with its `?` (empty when there is none).
   */
  prepare?: (body: unknown, search: string) => Promise<Prepared>;
}

const refuse = (res: ServerResponse, refused: Refusal) =>
  sendGraphQLError(res, refused.status, refused.message, refused.extensions, refused.headers);

/**
 * GraphQL over HTTP on Node's own server, the few steps an integration such as
 * `expressMiddleware` takes (bounded JSON body, headers, Apollo's answer) without a
 * framework's router, body parser and ETag hashing on every call. Each request runs in its
 * trace (server-span.ts), whose id every answer names in `x-trace-id`.
 */
export function graphqlHandler<C extends BaseContext>(
  options: GraphQLHandlerOptions<C>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { apollo, bodyLimitBytes, context, check, prepare } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse, traceId: string) => {
    const read = await readJsonBody(req, bodyLimitBytes);
    if ('refused' in read) {
      const { status, message } = read.refused;
      return sendGraphQLError(res, status, message, undefined, { connection: 'close' });
    }
    const queryAt = req.url?.indexOf('?') ?? -1;
    let search = queryAt >= 0 ? (req.url ?? '').slice(queryAt) : '';
    let body = read.body;
    const refused = check?.(body, new URLSearchParams(search));
    if (refused) return refuse(res, refused);
    if (prepare) {
      const prepared = await prepare(body, search);
      if ('refused' in prepared) return refuse(res, prepared.refused);
      ({ body, search } = prepared);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: () => context(req, traceId),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => serveTraced(req, res, handle);
}
