import { LATENCY_BUCKETS_SECONDS, type ServiceMetrics } from './metrics';

export type FetchOutcome = 'ok' | 'error' | 'timeout';

/** Times one gateway call to a subgraph; `done` records it once. */
export interface FetchTimer {
  done(outcome: FetchOutcome): void;
}

export interface SubgraphFetchMetrics {
  start(subgraph: string): FetchTimer;
}

/**
 * The gateway's calls to subgraphs (one per HTTP request, a batch counting once):
 * `campus_subgraph_fetches_total{subgraph,outcome}` (ok, error, timeout: a subgraph past its
 * deadline) and `campus_subgraph_fetch_duration_seconds{subgraph}`.
 */
export function subgraphFetchMetrics(metrics: ServiceMetrics): SubgraphFetchMetrics {
  const fetches = metrics.counter({
    name: 'campus_subgraph_fetches_total',
    help: 'Gateway calls to a subgraph, by outcome (ok, error, timeout).',
    labelNames: ['subgraph', 'outcome'],
  });
  const duration = metrics.histogram({
    name: 'campus_subgraph_fetch_duration_seconds',
    help: 'Time of a gateway call to a subgraph, answer read.',
    labelNames: ['subgraph'],
    buckets: LATENCY_BUCKETS_SECONDS,
  });
  return {
    start(subgraph) {
      const started = performance.now();
      let recorded = false;
      return {
        done(outcome) {
          if (recorded) return;
          recorded = true;
          fetches.inc({ subgraph, outcome });
          duration.observe({ subgraph }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
