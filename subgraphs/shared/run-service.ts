import { loadConfig, type CampusConfig } from './config';
import { rootLogger, type Logger } from './logger';
import { serveMetricsPortIfSet } from './observability/metrics-port';
import { startTracing } from './observability/tracing';
import { createSharedRuntime } from './runtime';
import type { RunnableSubgraph, SubgraphRuntimeOptions } from './server';
import type { SubgraphName } from './topology';

/** A stop that cannot finish (its database or Redis already gone) must not hang forever. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

export function exitAfter(ms: number, log: Logger): void {
  setTimeout(() => {
    log.warn({ ms }, 'shutdown did not finish in time; exiting');
    process.exit(1);
  }, ms).unref();
}

export type SubgraphFactory = (
  config: CampusConfig,
  log: Logger,
  runtime?: SubgraphRuntimeOptions,
) => RunnableSubgraph;

/**
 * Entry point of one subgraph run on its own (`npm run start:<name>`, docker-compose,
 * `npm run start:cluster`): configured by environment variables, sharing state through
 * Redis when REDIS_URL is set, migrates as its own role, listens, and stops cleanly on
 * SIGINT/SIGTERM.
 */
export async function runSubgraph(name: SubgraphName, build: SubgraphFactory): Promise<void> {
  const config = await loadConfig();
  const log = rootLogger.child({ service: name });
  // First: the database and every request are traced from the start.
  const tracing = startTracing({ serviceName: name, config: config.observability, log });
  const runtime = await createSharedRuntime(config, log);
  log.info({ mode: runtime.mode }, runtime.describe());
  const service = build(config, log, { ...runtime, processMetrics: true });
  await service.start({ seed: config.seedDemoData });
  await service.listen(config.subgraphPorts[name]);
  const metricsPort = await serveMetricsPortIfSet(
    config.observability.metricsPort,
    () => [service.metrics],
    log,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    exitAfter(SHUTDOWN_DEADLINE_MS, log);
    await service.stop();
    await metricsPort?.close();
    await runtime.close();
    await tracing.shutdown();
    process.exit(0);
  };
  // `on`: a second signal (Ctrl-C relayed by tsx) must not kill it halfway through.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
