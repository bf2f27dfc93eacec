import type { Logger } from '../../subgraphs/shared/logger';
import { startLocalRedis } from '../redis-server';
import { compareAnswers, measureRounds, prime, type Cell, type RunCounter } from './measure';
import { BENCH_OPERATIONS } from './operations';
import type { TracingSettings } from './options';
import { spawnOtlpSink, type OtlpSinkProcess } from './otlp-sink-process';
import { sampleProcess } from './proc-stats';
import {
  buildDist,
  startA,
  type ServiceSetup,
  type Topology,
  type TopologyLabel,
} from './topologies';
import { formatTracing, summarizeTracing, type TracingSection } from './tracing-report';

/**
 * runBench's tracing step, after the timed rounds and before the fan-out: what tracing
 * costs A. A fresh A with tracing off against one more A cluster per sampling ratio, all
 * started here (clusters of the same age: a warm one wins by more than tracing costs),
 * each with its own redis-server (so their event consumers do not share streams), the
 * traced ones with OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP sink process; all
 * primed, then timed interleaved as the main rounds are. Around
 * each run the sink's counters are read; after a traced run the harness waits for the
 * exporters' last batch before the next run starts, so every span lands in the run that
 * caused it and none in tracing off's. A failure is reported in the section, and the
 * figures already measured by the main run are kept.
 */
export interface TracingContext {
  settings: TracingSettings;
  setup: ServiceSetup;
  /** A with tracing off already up, to use instead of a fresh one (runBench passes none). */
  baseline?: Topology;
  /** Whether `npm run build` may be skipped when dist/ exists (BENCH_SKIP_BUILD). */
  skipBuild: boolean;
  tokens: readonly string[];
  rounds: number;
  seconds: number;
  primeSeconds: number;
  /** Registers a stop with the harness too (Ctrl-C mid-step); stops may run twice. */
  track(stop: () => Promise<void>): void;
  log: Logger;
}

/** `A·trace100` for a ratio of 1, `A·trace1` for 0.01. */
export const tracedLabel = (ratio: number): TopologyLabel =>
  `A·trace${Number((ratio * 100).toPrecision(6))}`;

/** The OTLP counts a run is charged with (RunCounter's after − before). */
function sinkCounter(sink: OtlpSinkProcess, untraced: TopologyLabel): RunCounter {
  return {
    read: async () => {
      const counts = await sink.counts();
      return {
        spans: counts.spans,
        exports: counts.requests,
        bytes: counts.bytes,
        sinkCpuMs: sampleProcess(sink.pid).cpuMs,
      };
    },
    // Tracing off exports nothing to wait for; a traced run's last batch leaves up to the
    // batch delay (5 s) after the run.
    settle: (topology, runEnded) =>
      topology.name === untraced ? Promise.resolve() : sink.settle(runEnded),
  };
}

export async function runTracingStep(
  context: TracingContext,
): Promise<{ markdown: string; json: TracingSection }> {
  const { settings, setup, log } = context;
  const section: TracingSection = {
    settings: { ...settings, rounds: context.rounds, seconds: context.seconds },
    topologies: [],
    ownBaseline: !context.baseline,
    equality: {},
    rows: [],
    cells: [],
    sink: { requests: 0, spans: 0, bytes: 0, protobufRequests: 0, rejected: 0 },
  };
  const stops: (() => Promise<void>)[] = [];
  const started = (stop: () => Promise<void>) => {
    stops.push(stop);
    context.track(stop);
  };
  /** One more A cluster on its own redis-server, with `env` on top of the services'. */
  const startCluster = async (label: TopologyLabel, env: Record<string, string>) => {
    const redis = await startLocalRedis();
    started(() => redis.stop());
    const cluster = await startA({ ...setup, env: { ...setup.env, ...env }, redisUrl: redis.url });
    started(cluster.topology.stop);
    return { ...cluster.topology, name: label };
  };

  let sink: OtlpSinkProcess | undefined;
  try {
    const operations = BENCH_OPERATIONS.filter((o) => settings.operations.includes(o.name));
    if (operations.length === 0) throw new Error('no tracing operation to run');
    sink = await spawnOtlpSink();
    started(sink.stop);

    let baseline = context.baseline;
    if (!baseline) {
      if (setup.build === 'dist') buildDist(context.skipBuild);
      baseline = await startCluster('A', {});
    }
    section.topologies.push({ label: baseline.name, ratio: null });
    const topologies: Topology[] = [baseline];
    for (const ratio of settings.ratios) {
      const label = tracedLabel(ratio);
      topologies.push(
        await startCluster(label, {
          OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
          OTEL_TRACES_SAMPLER_ARG: String(ratio),
        }),
      );
      section.topologies.push({ label, ratio });
    }
    log.info({ topologies: topologies.map((t) => [t.name, t.url]) }, 'tracing clusters up');

    // Tracing must not change an answer.
    section.equality = await compareAnswers(topologies, operations, context.tokens[0] ?? '', log);
    await prime(topologies, operations, context.tokens, context.primeSeconds);
    // Priming's spans arrive before the first timed run starts.
    await sink.settle(Date.now());
    const cells: Cell[] = await measureRounds({
      topologies,
      operations,
      tokens: context.tokens,
      connections: settings.connections,
      rounds: context.rounds,
      seconds: context.seconds,
      log,
      counter: sinkCounter(sink, baseline.name),
    });
    section.cells = cells;
    section.rows = summarizeTracing(cells, section.topologies);
  } catch (error) {
    log.error({ err: error }, 'tracing step failed');
    section.error = error instanceof Error ? error.message : String(error);
  } finally {
    if (sink) {
      const totals = await sink.counts().catch(() => undefined);
      if (totals) {
        const { requests, spans, bytes, protobufRequests, rejected } = totals;
        section.sink = { requests, spans, bytes, protobufRequests, rejected };
      }
    }
    // The step's own clusters, redis-servers and sink; the main run's A stays up.
    for (const stop of stops.reverse()) {
      await stop().catch((err: unknown) => log.error({ err }, 'tracing step stop failed'));
    }
  }
  return { markdown: formatTracing(section), json: section };
}
