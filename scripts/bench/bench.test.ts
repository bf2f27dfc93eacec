import { rootLogger } from '../../subgraphs/shared/logger';
import type { FanoutResult } from './fanout';
import type { FanoutSection } from './fanout-step';
import { runBench, type BenchResult } from './run-bench';

/**
 * `npm run bench` at tiny scale, so the harness keeps working: on jest's PostgreSQL, in a
 * database of its own, with the cheap topologies (B: one process; S: `npm start`, plus its
 * count probe), one operation, one second. A and H need eight service processes and the
 * build; the real run covers them. Jest's PostgreSQL loads pg_stat_statements
 * (test/global-setup.ts), so SQL statements are counted too. Then a tiny chat fan-out
 * against S: 20 subscribers, 2 distinct viewers, a burst of 5, one rate for 1 s.
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
  const { rows, counts, fanout } = result.report.json;
  const s = (fanout as FanoutSection | undefined)?.results.S;
  const suspicious =
    !rows[0] ||
    Object.values(rows[0].byTopology).some((t) => !t.rps || t.errors) ||
    Object.values(counts.dashboard ?? {}).some((c) => !c.subgraphCalls || !c.sql) ||
    !s ||
    'error' in s ||
    s.burst.missing > 0;
  // What went wrong, when something did.
  if (suspicious) console.log(result.report.markdown);
}, 120_000);

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
