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
  // The in-process bus reaches only services of this process; across processes events
  // need the Redis Streams transport, which is not built yet.
  log.warn(
    'running alone: domain events reach only consumers in this process until the Redis ' +
      'transport lands (npm start runs every service in one process)',
  );
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
