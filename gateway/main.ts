import { loadConfig } from '../subgraphs/shared/config';
import { rootLogger } from '../subgraphs/shared/logger';
import { serveMetricsPortIfSet } from '../subgraphs/shared/observability/metrics-port';
import { startTracing } from '../subgraphs/shared/observability/tracing';
import { SHUTDOWN_DEADLINE_MS, exitAfter } from '../subgraphs/shared/run-service';
import { createSharedRuntime } from '../subgraphs/shared/runtime';
import { createGateway } from './app';

/** The gateway on its own (`npm run start:gateway`, docker-compose). */
async function main(): Promise<void> {
  const config = await loadConfig();
  const log = rootLogger.child({ service: 'gateway' });
  const tracing = startTracing({ serviceName: 'gateway', config: config.observability, log });
  // Shared with the subgraphs: the revocation list (a token ended anywhere is refused here
  // at once) and Redis, where instances share automatic persisted queries.
  const runtime = await createSharedRuntime(config, log);
  log.info({ mode: runtime.mode }, runtime.describe());
  const gateway = createGateway(config, log, {
    revocations: runtime.revocations,
    redis: runtime.redis,
    processMetrics: true,
  });
  await gateway.start();
  const url = await gateway.listen(config.gatewayPort);
  const metricsPort = await serveMetricsPortIfSet(
    config.observability.metricsPort,
    () => [gateway.metrics],
    log,
  );
  log.info({ url }, 'gateway ready');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    exitAfter(SHUTDOWN_DEADLINE_MS, log);
    await gateway.stop();
    await metricsPort?.close();
    await runtime.close();
    await tracing.shutdown();
    process.exit(0);
  };
  // `on`: a second signal (Ctrl-C relayed by tsx) must not kill it halfway through.
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

void main();
