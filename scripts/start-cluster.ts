import path from 'node:path';
import { loadConfig, REPO_ROOT } from '../subgraphs/shared/config';
import { bootstrapDatabase } from '../subgraphs/shared/db/bootstrap';
import { rootLogger } from '../subgraphs/shared/logger';
import { SUBGRAPH_NAMES } from '../subgraphs/shared/topology';
import { launchCluster, type RunningCluster } from './cluster';
import { adminDatabase, type EmbeddedCluster } from './embedded-postgres';
import { redisServerOnPath, startLocalRedis, type LocalRedis } from './redis-server';

/**
 * `npm run start:cluster`: every service as its own process on Redis, with two gateways and
 * two support instances, on the embedded PostgreSQL (or DATABASE_URL) and REDIS_URL (or a
 * local redis-server), as a user would run it on one machine before moving to several.
 * `npm run start:cluster -- --dist` runs the output of `npm run build` with plain node.
 */
async function main(): Promise<void> {
  const log = rootLogger.child({ service: 'cluster' });
  const dataDir = path.resolve(REPO_ROOT, process.env.CAMPUS_DATA_DIR ?? '.data');
  let postgres: EmbeddedCluster | undefined;
  let redis: LocalRedis | undefined;
  let running: RunningCluster | undefined;

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await running?.stop();
    await redis?.stop();
    await postgres?.stop();
    process.exit(code);
  };
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by
  // tsx), and a second signal must not kill it halfway through stopping the others.
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const admin = await adminDatabase(process.env, dataDir, log);
    postgres = admin.cluster;
    const databaseUrl = admin.url;
    let redisUrl = process.env.REDIS_URL;
    if (!redisUrl) {
      if (!redisServerOnPath()) {
        throw new Error(
          'start:cluster needs Redis: set REDIS_URL, or install redis-server ' +
            '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)',
        );
      }
      redis = await startLocalRedis(Number(process.env.CLUSTER_REDIS_PORT ?? 0) || undefined);
      redisUrl = redis.url;
    }
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, CAMPUS_DATA_DIR: dataDir };
    const config = await loadConfig({ ...process.env, ...env });
    await bootstrapDatabase(databaseUrl, config.db, config.dbPasswords);

    const secondGateway = Number(process.env.SECOND_GATEWAY_PORT ?? 4010);
    const secondSupport = Number(process.env.SECOND_SUPPORT_PORT ?? 4015);
    running = await launchCluster({
      env,
      build: process.argv.includes('--dist') ? 'dist' : 'source',
      seed: process.env.SEED_DEMO_DATA !== 'false',
      ports: {
        subgraphs: config.subgraphPorts,
        secondSupport,
        gateways: [config.gatewayPort, secondGateway],
      },
      onLine: (label, line) => process.stdout.write(`[${label}] ${line}\n`),
      onExit: (label, code) => {
        log.error({ service: label, code }, 'a service exited; stopping the cluster');
        void shutdown(1);
      },
    });
    const ports = SUBGRAPH_NAMES.map((n) => `${n} ${config.subgraphPorts[n]}`).join(', ');
    console.log(`
  Campus cluster on Redis (${redisUrl}), every service its own process:
    gateway A: ${running.gatewayUrls[0]}  (support on port ${config.subgraphPorts.support})
    gateway B: ${running.gatewayUrls[1]}  (support on port ${secondSupport})
    subgraphs: ${ports}, support-2 ${secondSupport}
  Ctrl-C stops everything.
`);
  } catch (error) {
    log.error({ err: error }, 'cluster start failed');
    await shutdown(1);
  }
}

void main();
