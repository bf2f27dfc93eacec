import { loadConfig } from '../subgraphs/shared/config';
import { rootLogger } from '../subgraphs/shared/logger';
import { createSharedRuntime } from '../subgraphs/shared/runtime';
import { createGateway } from './app';

/** The gateway on its own (`npm run start:gateway`, docker-compose). */
async function main(): Promise<void> {
  const config = await loadConfig();
  const log = rootLogger.child({ service: 'gateway' });
  // Only the revocation list is shared with the subgraphs: a token ended anywhere is
  // refused here at once.
  const runtime = await createSharedRuntime(config, log);
  log.info({ mode: runtime.mode }, runtime.describe());
  const gateway = createGateway(config, log, { revocations: runtime.revocations });
  await gateway.start();
  const url = await gateway.listen(config.gatewayPort);
  log.info({ url }, 'gateway ready');
  const shutdown = async () => {
    await gateway.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

void main();
