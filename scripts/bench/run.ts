import { optionsFromEnv } from './options';
import { runBench } from './run-bench';

/**
 * `npm run bench`: see run-bench.ts. Environment: BENCH_SCALE (1), BENCH_SECONDS (20),
 * BENCH_ROUNDS (3), BENCH_CONNECTIONS ("10,50"), BENCH_OPERATIONS (all: dashboard, catalog,
 * me, rotating), BENCH_TOPOLOGIES ("A,H,B,S"), BENCH_SKIP_BUILD (1: use dist/ as it is), BENCH_BUILD (dist; source: A under tsx),
 * BENCH_NODE_ENV (production), CAMPUS_DATA_DIR (.data), DATABASE_URL (else the embedded
 * PostgreSQL in .data, started with pg_stat_statements). Results go to bench/results/.
 */
runBench(optionsFromEnv()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
