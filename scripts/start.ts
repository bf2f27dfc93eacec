import path from 'node:path';
import { createGateway, type CampusGateway } from '../gateway/app';
import { loadConfig, REPO_ROOT } from '../subgraphs/shared/config';
import { bootstrapDatabase } from '../subgraphs/shared/db/bootstrap';
import { rootLogger } from '../subgraphs/shared/logger';
import {
  serveMetricsPortIfSet,
  type MetricsPort,
} from '../subgraphs/shared/observability/metrics-port';
import { startTracing, type Tracing } from '../subgraphs/shared/observability/tracing';
import { createSharedRuntime, type SharedRuntime } from '../subgraphs/shared/runtime';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { SUBGRAPH_NAMES, envPrefix } from '../subgraphs/shared/topology';
import { adminDatabase, type EmbeddedCluster } from './embedded-postgres';
import { SUBGRAPH_FACTORIES, startAndSeed } from './subgraph-factories';
import { ensureWebApp, serveWebApp, type WebServer } from './web-server';

/**
 * `npm start`: the whole supergraph in one process. Without DATABASE_URL it runs an
 * embedded PostgreSQL whose data lives in .data/postgres; then it bootstraps schemas and
 * roles, migrates and seeds each subgraph as its own role, and serves the gateway.
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const log = rootLogger.child({ service: 'campus' });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SEED_DEMO_DATA: process.env.SEED_DEMO_DATA ?? 'true',
  };
  const dataDir = path.resolve(REPO_ROOT, env.CAMPUS_DATA_DIR ?? '.data');

  let cluster: EmbeddedCluster | undefined;
  const subgraphs: RunnableSubgraph[] = [];
  let gateway: CampusGateway | undefined;
  let runtime: SharedRuntime | undefined;
  let web: WebServer | undefined;
  let metricsPort: MetricsPort | undefined;
  let tracing: Tracing | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'shutting down');
    await web?.close().catch((err: unknown) => log.error({ err }, 'web server stop failed'));
    await metricsPort?.close();
    await gateway?.stop().catch((err: unknown) => log.error({ err }, 'gateway stop failed'));
    await Promise.all(subgraphs.map((s) => s.stop().catch((err: unknown) => log.error({ err }))));
    await runtime?.close().catch((err: unknown) => log.error({ err }, 'runtime close failed'));
    await cluster?.stop().catch((err: unknown) => log.error({ err }, 'postgres stop failed'));
    await tracing?.shutdown();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

  try {
    const admin = await adminDatabase(env, dataDir, log);
    cluster = admin.cluster;
    env.DATABASE_URL = admin.url;
    const config = await loadConfig(env);
    // Before any service exists: one trace service, `campus`, for all of them.
    tracing = startTracing({ serviceName: 'campus', config: config.observability, log });
    await bootstrapDatabase(env.DATABASE_URL, config.db, config.dbPasswords);

    runtime = await createSharedRuntime(config, log);
    log.info({ mode: runtime.mode }, runtime.describe());
    for (const name of SUBGRAPH_NAMES) {
      subgraphs.push(
        SUBGRAPH_FACTORIES[name](config, rootLogger.child({ service: name }), runtime),
      );
    }
    await startAndSeed(subgraphs, config.seedDemoData);
    const urls = await Promise.all(
      subgraphs.map(async (s) => [envPrefix(s.name), await s.listen(config.subgraphPorts[s.name])]),
    );

    // The gateway routes to where this process's subgraphs actually listen (ports may be
    // changed by <NAME>_PORT), unless <NAME>_SUBGRAPH_URL says otherwise.
    const routed = {
      ...config,
      subgraphUrlOverrides: { ...Object.fromEntries(urls), ...config.subgraphUrlOverrides },
    };
    gateway = createGateway(routed, rootLogger.child({ service: 'gateway' }), {
      revocations: runtime.revocations,
      // The process's own metrics (CPU, memory) once for all its services, with the gateway's.
      processMetrics: true,
    });
    await gateway.start();
    const url = await gateway.listen(config.gatewayPort);
    const services = [gateway.metrics, ...subgraphs.map((s) => s.metrics)];
    metricsPort = await serveMetricsPortIfSet(
      config.observability.metricsPort,
      () => services,
      log,
    );
    web = await startWebApp(url, env, log);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    console.log(`\n  Campus supergraph: ${url}  (Apollo Sandbox: open it in a browser)`);
    if (web) console.log(`  Campus web app:    ${web.url}`);
    console.log(`  Demo login: student1@campus.test / campus-demo`);
    console.log(`  Mode: ${runtime.describe()}\n`);
    log.info({ url, seconds }, 'ready');
  } catch (error) {
    log.error({ err: error }, 'start failed');
    await shutdown('start failed', 1);
  }
}

/**
 * The web app (clients/web): built with Vite when clients/web/dist is missing or stale, served on
 * WEB_PORT (default 4100; `off` to skip). A failed build is logged; the API still runs.
 */
async function startWebApp(
  gatewayUrl: string,
  env: NodeJS.ProcessEnv,
  log: typeof rootLogger,
): Promise<WebServer | undefined> {
  if (env.WEB_PORT === 'off') return undefined;
  try {
    const building = Date.now();
    const { built } = await ensureWebApp();
    if (built) log.info({ ms: Date.now() - building }, 'built the web app (clients/web/dist)');
    return await serveWebApp({
      port: Number(env.WEB_PORT ?? 4100),
      gatewayUrl: env.WEB_GATEWAY_URL ?? gatewayUrl,
    });
  } catch (err) {
    log.error({ err }, 'web app not served');
    return undefined;
  }
}

void main();
