import { optionsFromEnv } from './options';
import { runBench } from './run-bench';

/**
 * `npm run bench`: see run-bench.ts and README's Benchmarks section. Environment:
 * BENCH_SCALE (1), BENCH_SECONDS (20), BENCH_ROUNDS (3), BENCH_CONNECTIONS ("10,50"),
 * BENCH_OPERATIONS (all: dashboard, catalog, me, rotating), BENCH_TOPOLOGIES ("A,H,B,S"),
 * BENCH_BUILD (dist; source: A under tsx), BENCH_SKIP_BUILD (1: use dist/ as it is),
 * BENCH_NODE_ENV (production); the chat fan-out: BENCH_FANOUT (0: off),
 * BENCH_FANOUT_SUBSCRIBERS (1000), BENCH_FANOUT_VIEWERS (100), BENCH_FANOUT_BURST (100),
 * BENCH_FANOUT_RATES ("5,10,20,40,80"), BENCH_FANOUT_SECONDS (5), BENCH_FANOUT_TOPOLOGIES
 * ("A,S"), BENCH_FANOUT_THREAD (0: subscribers in the sender's thread); the cost of
 * tracing: BENCH_TRACING (0: off), BENCH_TRACING_RATIOS ("1,0.01"), BENCH_TRACING_OPERATIONS
 * ("dashboard,me"), BENCH_TRACING_CONNECTIONS ("10"); CAMPUS_DATA_DIR
 * (.data), EMBEDDED_PG_PORT (55432), DATABASE_URL (else the embedded PostgreSQL in .data,
 * started with pg_stat_statements). Results go to bench/results/.
 */
runBench(optionsFromEnv()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
