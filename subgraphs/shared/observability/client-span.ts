import {
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Context,
  type Link,
} from '@opentelemetry/api';
import { TRACEPARENT_HEADER, formatTraceparent, newSpanId } from './trace-context';
import { campusTracer, tracingEnabled } from './tracing';

export const ATTR_SUBGRAPH = 'campus.subgraph';
export const ATTR_SUBGRAPH_OPERATIONS = 'campus.subgraph.operations';

export interface SubgraphCall {
  subgraph: string;
  /**
   * The trace contexts of the operations sent together (each a `gateway.fetch` span); the
   * call's span is the first one's child and links to the others. Empty: the active one.
   */
  parents: readonly Context[];
  /** The request's trace id, for the `traceparent` sent while tracing is off. */
  traceId?: string;
}

/**
 * Runs one HTTP call from the gateway to a subgraph with the `traceparent` it must send.
 * With tracing on, in a CLIENT span `subgraph <name>` whose context that header carries.
 * With tracing off, the header still names the request's trace (with a fresh span id, not
 * sampled), so the subgraph's log lines carry the gateway's trace id.
 */
export function callSubgraph<R>(
  call: SubgraphCall,
  send: (traceparent: string | undefined) => Promise<R>,
): Promise<R> {
  if (!tracingEnabled()) {
    const { traceId } = call;
    return send(
      traceId ? formatTraceparent({ traceId, spanId: newSpanId(), sampled: false }) : undefined,
    );
  }
  const [first, ...others] = call.parents;
  const parent = first ?? context.active();
  const links: Link[] = [];
  for (const other of others) {
    const linked = trace.getSpanContext(other);
    if (linked) links.push({ context: linked });
  }
  const span = campusTracer().startSpan(
    `subgraph ${call.subgraph}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR_SUBGRAPH]: call.subgraph,
        [ATTR_SUBGRAPH_OPERATIONS]: Math.max(1, call.parents.length),
      },
      links,
    },
    parent,
  );
  const active = trace.setSpan(parent, span);
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return context
    .with(active, () => send(carrier[TRACEPARENT_HEADER]))
    .then(
      (result) => {
        span.end();
        return result;
      },
      (error: unknown) => {
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        throw error;
      },
    );
}
