import {
  ROOT_CONTEXT,
  SpanKind,
  context,
  createContextKey,
  trace,
  type Link,
  type Span,
} from '@opentelemetry/api';
import type { EventConsumer } from './bus';
import { withinSpan } from '../observability/spans';
import { EVENT_ATTRIBUTES, producerContext } from './event-tracing';

/** The event.apply span in progress, for applyOnce to say whether it applied the event. */
const APPLY_SPAN = createContextKey('campus.event.apply-span');

export type ApplyOutcome = 'applied' | 'already-processed' | 'not-applicable';

/** Called by applyOnce: records on the event.apply span around it what became of the event. */
export function noteApplyOutcome(outcome: ApplyOutcome): void {
  const span = context.active().getValue(APPLY_SPAN) as Span | undefined;
  span?.setAttribute(EVENT_ATTRIBUTES.outcome, outcome);
}

/**
 * The consumer, with each handled event in a CONSUMER span `event.apply <type>` (both
 * buses subscribe consumers through this), so the handler's SQL nests under it.
 *
 * Its parent is the producer's event.record span (from the event's traceparent), so
 * Jaeger shows the apply inside the trace of the mutation that caused it, next to the
 * read-your-writes wait it explains; it is also linked to it (messaging semantic
 * conventions), and to the delivery round carrying it when one is active (in-process bus).
 * An event recorded outside a traced request starts a trace of its own.
 */
export function tracedConsumer(consumer: EventConsumer): EventConsumer {
  return {
    group: consumer.group,
    types: consumer.types,
    handle(event) {
      const producer = producerContext(event);
      const links: Link[] = [];
      const producerSpan = producer && trace.getSpanContext(producer);
      if (producerSpan) links.push({ context: producerSpan });
      const delivery = trace.getSpanContext(context.active());
      if (delivery) links.push({ context: delivery });
      const parent = producer ?? ROOT_CONTEXT;
      const span = trace.getTracer('campus-events').startSpan(
        `event.apply ${event.type}`,
        {
          kind: SpanKind.CONSUMER,
          root: !producer,
          links,
          attributes: {
            [EVENT_ATTRIBUTES.group]: consumer.group,
            [EVENT_ATTRIBUTES.type]: event.type,
            [EVENT_ATTRIBUTES.id]: event.id,
            [EVENT_ATTRIBUTES.producer]: event.producer,
            [EVENT_ATTRIBUTES.outcome]: 'not-applicable' satisfies ApplyOutcome,
          },
        },
        parent,
      );
      return context.with(context.active().setValue(APPLY_SPAN, span), () =>
        withinSpan(span, () => consumer.handle(event)),
      );
    },
  };
}
