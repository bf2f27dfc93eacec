import { loadConfig, type CampusConfig } from './config';
import { rootLogger, type Logger } from './logger';
import { createSharedRuntime } from './runtime';
import type { RunnableSubgraph, SubgraphRuntimeOptions } from './server';
import type { SubgraphName } from './topology';

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
  const runtime = await createSharedRuntime(config, log);
  log.info({ mode: runtime.mode }, runtime.describe());
  const service = build(config, log, runtime);
  await service.start({ seed: config.seedDemoData });
  await service.listen(config.subgraphPorts[name]);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await service.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
