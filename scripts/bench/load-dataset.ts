import { rootLogger } from '../../subgraphs/shared/logger';
import { benchCredentials, DEFAULT_BENCH_DATABASE, loadBenchDataset } from './dataset';

/**
 * `npx tsx scripts/bench/load-dataset.ts`: (re)creates the benchmark's database and fills
 * it with the deterministic bench data set. DATABASE_URL: an admin connection to the
 * server (e.g. the embedded one `npm start` runs: postgres://postgres:<postgresAdminPassword
 * from .data/secrets.json>@localhost:55432/campus). BENCH_SCALE (default 1) multiplies every
 * count; BENCH_DATABASE (default campus_bench) names the database, which is dropped first.
 * Role passwords come from the same configuration as the services' (loadConfig).
 */
async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('Set DATABASE_URL to an admin connection');
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const database = process.env.BENCH_DATABASE ?? DEFAULT_BENCH_DATABASE;
  const log = rootLogger.child({ bench: 'dataset' }, { level: 'warn' });
  const result = await loadBenchDataset(adminUrl, { scale, database, log });

  console.log(`bench data set, scale ${scale}, in database ${result.database}:`);
  for (const { table, rows, ms } of result.tables) {
    console.log(
      `  ${table.padEnd(32)} ${String(rows).padStart(7)} rows ${String(ms).padStart(6)} ms`,
    );
  }
  console.log(`total ${result.totalMs} ms (database, bootstrap, migrations and load)`);
  const credentials = benchCredentials(scale, { students: 3, busySessions: 3 });
  console.log(`every password: ${credentials.password}; admin: ${credentials.admin.email}`);
  console.log(`students: ${credentials.students.map((s) => s.email).join(', ')}, …`);
  console.log(
    `busy support sessions: ${credentials.busySessions
      .map((s) => `${s.id} (${s.messageCount} messages, ${s.customer.email})`)
      .join(', ')}`,
  );
  console.log(`services use it with DB_NAME=${result.database}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
