import type Redis from 'ioredis';
import { processRevocationList, type RevocationList } from './auth/revocations';
import type { CampusConfig } from './config';
import type { EventBus } from './events/bus';
import { processEventBus } from './events/process-bus';
import type { Logger } from './logger';
import { processPubSub, type PubSub } from './pubsub';

/**
 * The state services share, chosen once per process from the configuration: in-process
 * (one process runs everything: `npm start`, tests) or Redis (REDIS_URL: any number of
 * processes and instances behave as one). Services receive it through their runtime
 * options and context, never from a module-level registry of their own.
 */
export interface SharedRuntime {
  readonly mode: 'in-process' | 'redis';
  readonly bus: EventBus;
  readonly revocations: RevocationList;
  readonly pubsub: PubSub;
  /** The shared Redis connection (caches, rate limits); absent in-process. */
  readonly redis?: Redis;
  /** One line for the start-up log: which mode, and where Redis is. */
  describe(): string;
  close(): Promise<void>;
}

/** The process-wide in-process parts, shared by every service this process runs. */
function inProcessRuntime(): SharedRuntime {
  return {
    mode: 'in-process',
    bus: processEventBus(),
    revocations: processRevocationList(),
    pubsub: processPubSub(),
    describe: () => 'shared state in-process (events, revocations, subscriptions)',
    close: () => Promise.resolve(),
  };
}

export function createSharedRuntime(config: CampusConfig, log: Logger): Promise<SharedRuntime> {
  if (!config.redisUrl) return Promise.resolve(inProcessRuntime());
  log.warn('REDIS_URL is set, but the Redis transports are not wired yet: running in-process');
  return Promise.resolve(inProcessRuntime());
}
