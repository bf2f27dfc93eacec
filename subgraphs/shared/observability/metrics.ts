import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every Campus metric name starts with this, so dashboards find them apart from others. */
export const METRIC_PREFIX = 'campus_';

export interface MetricSpec<L extends string> {
  /** With the `campus_` prefix. */
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/** Label values of one series, as a collect-at-scrape gauge reports them. */
export type Sample<L extends string> = readonly [labels: Partial<Record<L, string>>, value: number];

/** Seconds buckets from 1 ms to 10 s (requests, subgraph fetches, event lag). */
export const LATENCY_BUCKETS_SECONDS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/**
 * One service's metrics: its own prom-client Registry, every series labelled
 * `service=<name>`. Instruments are made where they are measured (counter, histogram,
 * gauge: the same name again gives the same instrument), so the registry holds only what
 * this service measures. Built by the service's wiring and handed down through its options
 * and context; nothing here is module-level.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  constructor(
    readonly service: string,
    options: {
      /**
       * The process's own metrics (CPU, memory, event loop, GC); off by default. The entry
       * point of a process gives them to one service it runs: they describe the process,
       * and each collection keeps timers and observers for the life of the process.
       */
      processMetrics?: boolean;
    } = {},
  ) {
    this.registry.setDefaultLabels({ service });
    if (options.processMetrics) {
      collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    }
  }

  counter<L extends string>(spec: MetricSpec<L>): Counter<L> {
    return this.existing(spec.name, Counter<L>) ?? new Counter<L>(this.config(spec));
  }

  histogram<L extends string>(spec: MetricSpec<L> & { buckets: number[] }): Histogram<L> {
    return (
      this.existing(spec.name, Histogram<L>) ??
      new Histogram<L>({ ...this.config(spec), buckets: spec.buckets })
    );
  }

  /**
   * A gauge read when scraped: `read` gives the current series (the previous ones are
   * dropped first, so a series that is gone disappears). A failing read leaves it empty.
   */
  gaugeAtScrape<L extends string>(
    spec: MetricSpec<L>,
    read: () => Promise<readonly Sample<L>[]> | readonly Sample<L>[],
  ): Gauge<L> {
    const existing = this.existing(spec.name, Gauge<L>);
    if (existing) return existing;
    return new Gauge<L>({
      ...this.config(spec),
      async collect() {
        this.reset();
        let samples: readonly Sample<L>[];
        try {
          samples = await read();
        } catch {
          return;
        }
        for (const [labels, value] of samples) this.set(labels, value);
      },
    });
  }

  private config<L extends string>(spec: MetricSpec<L>) {
    if (!spec.name.startsWith(METRIC_PREFIX)) {
      throw new Error(`Metric ${spec.name} must start with ${METRIC_PREFIX}`);
    }
    return {
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
    };
  }

  private existing<T>(name: string, kind: abstract new (...args: never[]) => T): T | undefined {
    const found = this.registry.getSingleMetric(name);
    if (found === undefined) return undefined;
    if (found instanceof kind) return found;
    throw new Error(`Metric ${name} is already registered as another kind`);
  }
}
