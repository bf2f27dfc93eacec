import { loadConfig, type CampusConfig } from './config';
import { rootLogger, type Logger } from './logger';
import type { RunnableSubgraph } from './server';
import type { SubgraphName } from './topology';

export type SubgraphFactory = (config: CampusConfig, log: Logger) => RunnableSubgraph;

/**
 * Entry point of one subgraph run on its own (`npm run start:<name>`, docker-compose):
 * configured by environment variables, migrates as its own role, listens, and stops
 * cleanly on SIGINT/SIGTERM.
 */
export async function runSubgraph(name: SubgraphName, build: SubgraphFactory): Promise<void> {
  const config = await loadConfig();
  const log = rootLogger.child({ service: name });
  const service = build(config, log);
  await service.start({ seed: config.seedDemoData });
  await service.listen(config.subgraphPorts[name]);
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
