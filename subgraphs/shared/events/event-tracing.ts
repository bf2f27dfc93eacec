import { withinSpan } from '../observability/spans';
import {
  ROOT_CONTEXT,
  SpanKind,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Tracer,
} from '@opentelemetry/api';
import type { DomainEvent } from './catalog';

/**
 * Trace spans of domain events, through @opentelemetry/api only: without a registered
 * TracerProvider and propagator every call here is a no-op and no trace context is stored.
 * Attributes name events (type, id, producer, group), never their payloads.
 */
export const EVENT_ATTRIBUTES = {
  type: 'campus.event.type',
  id: 'campus.event.id',
  producer: 'campus.producer',
  group: 'campus.consumer.group',
  /** applied | already-processed | not-applicable (the handler had nothing to apply). */
  outcome: 'campus.event.outcome',
  count: 'campus.event.count',
} as const;

// Looked up per use: a provider registered later (or again, in tests) is picked up.
const tracer = (): Tracer => trace.getTracer('campus-events');

/** The W3C traceparent of a context's span (through the registered propagator), if any. */
export function traceparentOf(ctx: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent;
}

/** The context an event's traceparent names (remote, as a parent), if it names one. */
export function producerContext(event: Pick<DomainEvent, 'traceParent'>): Context | undefined {
  if (!event.traceParent) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, { traceparent: event.traceParent });
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/** Links to the spans that recorded these events (those recorded in a traced request). */
export function producerLinks(events: readonly Pick<DomainEvent, 'traceParent'>[]): Link[] {
  const links: Link[] = [];
  for (const event of events) {
    const producer = producerContext(event);
    const spanContext = producer && trace.getSpanContext(producer);
    if (spanContext) links.push({ context: spanContext });
  }
  return links;
}

/**
 * `event.record <type>`, a child of the recording request's span, around writing an event
 * to the outbox; `write` gets that span's traceparent to store with the row. Nothing is
 * traced when no span is active (a migration, a script): there is no request to link to.
 */
export function traceEventRecord<T>(
  event: Pick<DomainEvent, 'id' | 'type' | 'producer'>,
  write: (traceParent: string | undefined) => Promise<T>,
): Promise<T> {
  if (!trace.getSpanContext(context.active())) return write(undefined);
  const span = tracer().startSpan(`event.record ${event.type}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      [EVENT_ATTRIBUTES.type]: event.type,
      [EVENT_ATTRIBUTES.id]: event.id,
      [EVENT_ATTRIBUTES.producer]: event.producer,
    },
  });
  return withinSpan(span, () => write(traceparentOf(trace.setSpan(context.active(), span))));
}

/**
 * A span for one batch of events moved by a background loop (a relay's publication, an
 * in-process delivery round): a root of its own, linked to the spans that recorded them,
 * active while `work` runs.
 */
export function traceEventBatch<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  events: readonly Pick<DomainEvent, 'traceParent'>[],
  work: () => Promise<T>,
): Promise<T> {
  const span = tracer().startSpan(
    name,
    {
      root: true,
      kind,
      links: producerLinks(events),
      attributes: { ...attributes, [EVENT_ATTRIBUTES.count]: events.length },
    },
    ROOT_CONTEXT,
  );
  return withinSpan(span, work);
}

/** Runs a background loop outside whatever context started it (a service's start). */
export const detachedFromCaller = <T>(run: () => T): T => context.with(ROOT_CONTEXT, run);
