import { markFailed, withinSpan } from '../../subgraphs/shared/observability/spans';
import {
  ROOT_CONTEXT,
  SpanKind,
  context,
  trace,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';

/**
 * Spans of the gateway's subscriptions, through @opentelemetry/api only (no-ops until a
 * TracerProvider is registered). Attributes name the field, the subgraph and ids, never
 * variables or event data.
 */
export const SUBSCRIPTION_ATTRIBUTES = {
  field: 'campus.subscription.field',
  subgraph: 'campus.subgraph',
  listeners: 'campus.subscription.listeners',
  eventId: 'campus.subscription.event_id',
} as const;

const tracer = (): Tracer => trace.getTracer('campus-gateway-subscriptions');

/**
 * `subscription.upstream <field>` around opening the upstream subscription: active while
 * it is opened, so its context goes to the subgraph in the subscribe payload's
 * `extensions.traceparent` (upstream-pool.ts). Returns what `open` returned and the span's
 * context, which each event's span links to.
 */
export function traceUpstreamOpen<T>(
  field: string,
  subgraph: string,
  open: () => T,
): { opened: T; spanContext: SpanContext } {
  const span = tracer().startSpan(`subscription.upstream ${field}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      [SUBSCRIPTION_ATTRIBUTES.field]: field,
      [SUBSCRIPTION_ATTRIBUTES.subgraph]: subgraph,
    },
  });
  try {
    return {
      opened: context.with(trace.setSpan(context.active(), span), open),
      spanContext: span.spanContext(),
    };
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * `subscription.event <field>`: one event's completion through the supergraph, a trace of
 * its own (the subgraph's event does not carry the publishing request's context: its
 * streams re-read committed rows on coalesced wake-ups), linked to the upstream
 * subscription's span. The completion query's spans (gateway.*, subgraphs) nest under it.
 */
export function traceSubscriptionEvent<T>(
  event: { field: string; subgraph: string; eventId: string; listeners: number },
  upstream: SpanContext | undefined,
  complete: () => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(
    `subscription.event ${event.field}`,
    {
      root: true,
      kind: SpanKind.INTERNAL,
      links: upstream && trace.isSpanContextValid(upstream) ? [{ context: upstream }] : [],
      attributes: {
        [SUBSCRIPTION_ATTRIBUTES.field]: event.field,
        [SUBSCRIPTION_ATTRIBUTES.subgraph]: event.subgraph,
        [SUBSCRIPTION_ATTRIBUTES.eventId]: event.eventId,
        [SUBSCRIPTION_ATTRIBUTES.listeners]: event.listeners,
      },
    },
    ROOT_CONTEXT,
  );
  return withinSpan(span, complete);
}
