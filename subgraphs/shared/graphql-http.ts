import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';

/**
 * A GraphQL error answered by the transport itself, as GraphQL over HTTP asks: a JSON body
 * with `errors`, never an HTML page or a stack trace.
 */
export function sendGraphQLError(
  res: Response,
  status: number,
  message: string,
  extensions: Record<string, unknown> = { code: 'BAD_USER_INPUT' },
): void {
  res
    .status(status)
    .type('application/json')
    .json({ errors: [{ message, extensions }] });
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** What body-parser reports, said as a GraphQL error: 413 over the limit, else 400. */
const bodyErrors: ErrorRequestHandler = (error: BodyParserError, _req, res, next) => {
  if (res.headersSent) return next(error);
  switch (error.type) {
    case 'entity.too.large':
      return sendGraphQLError(res, 413, 'The request body is too large.');
    case 'entity.parse.failed':
      return sendGraphQLError(res, 400, 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return sendGraphQLError(res, 415, 'The request body must be UTF-8 JSON.');
    default:
      if (error.status && error.status >= 400 && error.status < 500) {
        return sendGraphQLError(res, error.status, 'The request could not be read.');
      }
      return next(error);
  }
};

/** The JSON body of a GraphQL request, bounded, with its errors answered as GraphQL. */
export const graphqlJsonBody = (limitBytes: number): RequestHandler[] => [
  express.json({ limit: limitBytes }),
  bodyErrors as unknown as RequestHandler,
];

/**
 * The last handler of an app: anything that escaped the routes is a JSON 500 without
 * details (they go to the log), never Express's HTML page.
 */
export const lastResortErrors =
  (log: { error: (obj: object, msg: string) => void }): ErrorRequestHandler =>
  (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    log.error({ err: error }, 'request failed outside GraphQL');
    sendGraphQLError(res, 500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
  };
