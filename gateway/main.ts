import { loadConfig } from '../subgraphs/shared/config';
import { rootLogger } from '../subgraphs/shared/logger';
import { createGateway } from './app';

/** The gateway on its own (`npm run start:gateway`, docker-compose). */
async function main(): Promise<void> {
  const config = await loadConfig();
  const log = rootLogger.child({ service: 'gateway' });
  const gateway = createGateway(config, log);
  await gateway.start();
  const url = await gateway.listen(config.gatewayPort);
  log.info({ url }, 'gateway ready');
  const shutdown = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

void main();
