import { rootLogger } from '../../subgraphs/shared/logger';
import type { FanoutResult } from './fanout';
import type { FanoutSection } from './fanout-step';
import { runBench, type BenchResult } from './run-bench';
import type { TracingSection } from './tracing-report';

/**
 * `npm run bench` at tiny scale, so the harness keeps working: on jest's PostgreSQL, in a
 * database of its own, with the cheap topologies (B: one process; S: `npm start`, plus its
 * count probe), one operation, one second. A and H need eight service processes and the
 * build; the real run covers them. Jest's PostgreSQL loads pg_stat_statements
 * (test/global-setup.ts), so SQL statements are counted too. Then the tracing step, which
 * starts A twice from the sources (tracing off, and at 100 % into the OTLP sink): one
 * round of 1 s each. Then a tiny chat fan-out against S: 20 subscribers, 2 distinct
 * viewers, a burst of 5, one rate for 1 s.
 */
let result: BenchResult;

beforeAll(async () => {
  result = await runBench({
    adminUrl: process.env.DATABASE_URL,
    dataDir: process.env.CAMPUS_DATA_DIR,
    database: 'campus_bench_smoke',
    scale: 0.02,
    seconds: 1,
    rounds: 1,
    connections: [2],
    operations: ['dashboard'],
    topologies: ['B', 'S'],
    build: 'source',
    nodeEnv: 'production',
    primeSeconds: 0,
    countRequests: 3,
    resultsDir: null,
    print: false,
    tracing: { ratios: [1], operations: ['dashboard'], connections: [2] },
    fanout: {
      subscribers: 20,
      viewers: 2,
      burst: 5,
      rates: [5],
      secondsPerRate: 1,
      topologies: ['S'],
      subscriberThread: true,
      settleMs: 3_000,
    },
    log: rootLogger.child({ test: 'bench' }, { level: 'warn' }),
  });
  const { rows, counts, fanout, tracing } = result.report.json;
  const s = (fanout as FanoutSection | undefined)?.results.S;
  const traced = tracing as TracingSection | undefined;
  const suspicious =
    !rows[0] ||
    Object.values(rows[0].byTopology).some((t) => !t.rps || t.errors) ||
    Object.values(counts.dashboard ?? {}).some((c) => !c.subgraphCalls || !c.sql) ||
    !s ||
    'error' in s ||
    s.burst.missing > 0 ||
    !traced ||
    traced.error !== undefined ||
    traced.rows.some((r) => !r.rps || r.errors);
  // What went wrong, when something did.
  if (suspicious) console.log(result.report.markdown);
  // Two A clusters of eight processes under tsx start in the tracing step.
}, 420_000);

describe('npm run bench, smoke', () => {
  it('times every topology with the same answers', () => {
    const { rows, equality } = result.report.json;
    expect(equality).toEqual({ dashboard: true });
    expect(rows).toHaveLength(1);
    for (const t of ['B', 'S'] as const) {
      const figures = rows[0]?.byTopology[t];
      expect(figures?.rps).toBeGreaterThan(0);
      expect(figures?.errors).toBe(0);
      expect(figures?.cpuMsPerRequest.postgres).toBeGreaterThanOrEqual(0);
    }
    expect(rows[0]?.ratios).toEqual({});
  });

  it('counts subgraph calls and SQL statements per request', () => {
    const counts = result.report.json.counts.dashboard ?? {};
    for (const t of ['B', 'S'] as const) {
      expect(counts[t]?.subgraphCalls).toBeGreaterThan(0);
      expect(counts[t]?.sql).toBeGreaterThan(0);
    }
  });

  it('measures what tracing costs A: spans reach the sink at 100 %, none with tracing off', () => {
    const section = result.report.json.tracing as TracingSection;
    expect(section.error).toBeUndefined();
    expect(section.ownBaseline).toBe(true);
    expect(section.equality).toEqual({ dashboard: true });
    const off = section.rows.find((r) => r.topology === 'A');
    const full = section.rows.find((r) => r.topology === 'A·trace100');
    for (const row of [off, full]) {
      expect(row?.rps).toBeGreaterThan(0);
      expect(row?.errors).toBe(0);
      expect(row?.cpuMsPerRequest.gateway).toBeGreaterThanOrEqual(0);
    }
    expect(off?.spans).toBe(0);
    expect(full?.ratio).toBe(1);
    expect(full?.spans).toBeGreaterThan(0);
    // Every request sampled: at least its own root span.
    expect(full?.spansPerRequest).toBeGreaterThanOrEqual(1);
    expect(full?.otlpBytesPerRequest).toBeGreaterThan(0);
    expect(section.sink).toMatchObject({ protobufRequests: 0, rejected: 0 });
    expect(result.report.markdown).toContain('### Tracing cost');
    expect(result.report.markdown).toMatch(/\| dashboard \| 2 \| off \| [\d.]+ \(/);
    expect(result.report.markdown).toMatch(/\| dashboard \| 2 \| 100 % \| [\d.]+ \(/);
  });

  it('runs the chat fan-out on S: every subscriber gets every message, latencies recorded', () => {
    const section = result.report.json.fanout as FanoutSection;
    expect(section.skipped).toEqual([]);
    const s = section.results.S as FanoutResult;
    expect(s).not.toHaveProperty('error');
    expect(s.subscribers).toBe(20);
    expect(s.distinctTokens).toBe(2);
    expect(s.client.subscribersIn).toBe('worker thread');
    const phases = [s.burst, ...s.sustained];
    expect(phases.map((p) => p.messages)).toEqual([5, 5]);
    for (const phase of phases) {
      expect(phase.missing).toBe(0);
      expect(phase.sendErrors).toBe(0);
      expect(Number.isFinite(phase.p99)).toBe(true);
      expect(phase.max).toBeGreaterThanOrEqual(phase.p50);
      expect(phase.serverCpuMs?.process).toBeGreaterThanOrEqual(0);
    }
    expect(s.disconnects + s.subscriptionsEnded + s.errorEvents).toBe(0);
    expect(result.report.markdown).toContain('### Chat fan-out');
    expect(result.report.markdown).toMatch(/\| S \| 20 \| 2 \| /);
  });

  it('writes a markdown report with a row per operation and the environment', () => {
    const { markdown, json } = result.report;
    expect(markdown).toMatch(/\| dashboard \| 2 \| \d+ \(/);
    expect(markdown).toContain('Work per request');
    expect(json.environment.packages['@apollo/gateway']).toMatch(/^\d/);
  });
});
