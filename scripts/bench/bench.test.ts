import { rootLogger } from '../../subgraphs/shared/logger';
import { runBench, type BenchResult } from './run-bench';

/**
 * `npm run bench` at tiny scale, so the harness keeps working: on jest's PostgreSQL, in a
 * database of its own, with the cheap topologies (B: one process; S: `npm start`, plus its
 * count probe), one operation, one second. A and H need eight service processes and the
 * build; the real run covers them. SQL counts need pg_stat_statements, which jest's
 * PostgreSQL does not load: they are then reported as unavailable (null).
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
    log: rootLogger.child({ test: 'bench' }, { level: 'warn' }),
  });
  const { rows, counts } = result.report.json;
  const suspicious =
    !rows[0] ||
    Object.values(rows[0].byTopology).some((t) => !t.rps || t.errors) ||
    Object.values(counts.dashboard ?? {}).some((c) => !c.subgraphCalls);
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

  it('counts subgraph calls (and SQL statements where pg_stat_statements runs) per request', () => {
    const counts = result.report.json.counts.dashboard ?? {};
    for (const t of ['B', 'S'] as const) {
      expect(counts[t]?.subgraphCalls).toBeGreaterThan(0);
      const sql = counts[t]?.sql;
      if (sql !== null) expect(sql).toBeGreaterThan(0);
    }
  });

  it('writes a markdown report with a row per operation and the environment', () => {
    const { markdown, json } = result.report;
    expect(markdown).toMatch(/\| dashboard \| 2 \| \d+ \(/);
    expect(markdown).toContain('Work per request');
    expect(json.environment.packages['@apollo/gateway']).toMatch(/^\d/);
  });
});
