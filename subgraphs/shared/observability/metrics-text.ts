import { AggregatorRegistry, Registry } from 'prom-client';
import type { ServiceMetrics } from './metrics';

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * The Prometheus text of one or more services. Several (one process running many: npm
 * start's METRICS_PORT) are combined family by family, as the format wants one HELP/TYPE
 * per name; their series stay apart by their `service` label. (Registry.merge cannot: it
 * refuses a name registered twice and drops the default labels.)
 */
export async function metricsText(sources: readonly ServiceMetrics[]): Promise<string> {
  const [only] = sources;
  if (sources.length === 1 && only) return only.registry.metrics();
  const families = await Promise.all(sources.map((s) => s.registry.getMetricsAsJSON()));
  // `first`: no two services share a series (the service label differs), so nothing is
  // summed or averaged, and no family is omitted (as process_start_time's own rule would).
  const asIs = families.map((list) => list.map((family) => ({ ...family, aggregator: 'first' })));
  return AggregatorRegistry.aggregate(asIs).metrics();
}
