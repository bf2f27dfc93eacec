import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/free-port';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../scripts/embedded-postgres';
import { loadConfig } from '../subgraphs/shared/config';
import { bootstrapDatabase } from '../subgraphs/shared/db/bootstrap';
import { rootLogger } from '../subgraphs/shared/logger';

/**
 * One real PostgreSQL for the whole run, in a throw-away folder, bootstrapped exactly as
 * `npm start` does it. Test workers inherit its coordinates through process.env.
 */
export default async function globalSetup(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'campus-test-'));
  const port = await freePort();
  const password = 'test-admin-password';
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(root, 'postgres'),
    port,
    password,
    log: rootLogger,
    // pg_stat_statements loaded only (a few counters per statement): the benchmark's smoke
    // test creates the extension, in the `postgres` database, to count SQL statements per
    // request. Connections: two jest workers may each run a supergraph and a cluster of
    // processes, every pool keeping idle connections for minutes.
    postgresFlags: [
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'max_connections=300',
    ],
  });
  const env = {
    NODE_ENV: 'test',
    CAMPUS_DATA_DIR: path.join(root, 'data'),
    DATABASE_URL: cluster.adminUrl('campus'),
    DB_HOST: 'localhost',
    DB_PORT: String(port),
    DB_NAME: 'campus',
  };
  Object.assign(process.env, env);
  const config = await loadConfig(process.env);
  await bootstrapDatabase(cluster.adminUrl(), config.db, config.dbPasswords);
  (globalThis as { campusCluster?: EmbeddedCluster }).campusCluster = cluster;
  (globalThis as { campusTestRoot?: string }).campusTestRoot = root;
}
