import type { ServerResponse } from 'node:http';

/** A JSON answer, written in one go. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * A GraphQL error answered by the transport itself, as GraphQL over HTTP asks: a JSON body
 * with `errors`, never an HTML page or a stack trace.
 */
export function sendGraphQLError(
  res: ServerResponse,
  status: number,
  message: string,
  extensions: Record<string, unknown> = { code: 'BAD_USER_INPUT' },
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions }] }, headers);
}
