import type { EventConsumer } from '../events/bus';
import { LATENCY_BUCKETS_SECONDS, type ServiceMetrics } from './metrics';

/** Lag reaches past 10 s when a consumer was down or retrying: buckets up to 10 min. */
const LAG_BUCKETS_SECONDS = [...LATENCY_BUCKETS_SECONDS, 30, 60, 300, 600];

/**
 * The consumer as the bus sees it, measured: each event its handler applied (resolved for;
 * a redelivery that applyOnce skips counts too) and the time from the event's occurredAt to
 * then, per group. Wraps the handler where the service subscribes, so either bus measures
 * the same way.
 */
export function measuredConsumer(consumer: EventConsumer, metrics: ServiceMetrics): EventConsumer {
  const applied = metrics.counter({
    name: 'campus_events_applied_total',
    help: 'Domain events a consumer group handled.',
    labelNames: ['group'],
  });
  const lag = metrics.histogram({
    name: 'campus_event_delivery_lag_seconds',
    help: "Time from a domain event's occurredAt to its application by a consumer group.",
    labelNames: ['group'],
    buckets: LAG_BUCKETS_SECONDS,
  });
  const { group } = consumer;
  return {
    group,
    types: consumer.types,
    async handle(event) {
      await consumer.handle(event);
      applied.inc({ group });
      lag.observe({ group }, Math.max(0, (Date.now() - event.occurredAt.getTime()) / 1000));
    },
  };
}
