import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import {
  TRACEPARENT_HEADER,
  TRACE_ID_RESPONSE_HEADER,
  newTraceId,
  parseTraceparent,
} from './trace-context';
import { campusTracer, tracingEnabled } from './tracing';

type Serve = (req: IncomingMessage, res: ServerResponse, traceId: string) => Promise<void>;

const pathOf = (url = '/'): string => {
  const end = url.indexOf('?');
  return end >= 0 ? url.slice(0, end) : url;
};

/**
 * Runs one HTTP request in its trace and names that trace in the answer's `x-trace-id`.
 * With tracing on: a SERVER span, child of the caller's `traceparent`, active for the whole
 * request (so @apollo/gateway's spans, subgraph calls and SQL land under it). With tracing
 * off: no span and no context switch, only the id, the caller's when it sent a valid
 * `traceparent`, else a new one, so logs of one request still share it across services.
 */
export function serveTraced(req: IncomingMessage, res: ServerResponse, serve: Serve) {
  if (!tracingEnabled()) {
    const traceId = parseTraceparent(req.headers[TRACEPARENT_HEADER])?.traceId ?? newTraceId();
    res.setHeader(TRACE_ID_RESPONSE_HEADER, traceId);
    return serve(req, res, traceId);
  }
  const method = req.method ?? 'GET';
  const path = pathOf(req.url);
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = campusTracer().startSpan(
    `${method} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: path },
    },
    parent,
  );
  const { traceId } = span.spanContext();
  res.setHeader(TRACE_ID_RESPONSE_HEADER, traceId);
  const ended = () => {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  return context
    .with(trace.setSpan(parent, span), () => serve(req, res, traceId))
    .then(ended, (error: unknown) => {
      // The router answers 500 for it; the error itself goes to the log there, not here.
      span.setStatus({ code: SpanStatusCode.ERROR });
      ended();
      throw error;
    });
}
