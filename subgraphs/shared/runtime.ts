import type Redis from 'ioredis';
import { RedisRevocationList } from './auth/redis-revocations';
import { processRevocationList, type RevocationList } from './auth/revocations';
import type { CampusConfig } from './config';
import type { EventBus } from './events/bus';
import { processEventBus } from './events/process-bus';
import { RedisStreamsEventBus } from './events/redis-streams-bus';
import type { Logger } from './logger';
import { processPubSub, type PubSub } from './pubsub';
import { connectRedis } from './redis/connection';
import { RedisPubSub } from './redis-pubsub';

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

/**
 * Redis: events on Redis Streams, revocations in Redis with a local copy kept current by
 * pub/sub, subscription wake-ups on Redis pub/sub, and `redis` for caches and rate limits.
 * Subscriber connections are their own (a connection in subscriber mode runs nothing else).
 */
async function redisRuntime(url: string, log: Logger): Promise<SharedRuntime> {
  const redis = connectRedis(url, log, 'shared');
  const revocationFeed = connectRedis(url, log, 'revocations-feed');
  const pubsubFeed = connectRedis(url, log, 'pubsub-feed');
  const revocations = new RedisRevocationList({ redis, subscriber: revocationFeed, log });
  const pubsub = new RedisPubSub({ publisher: redis, subscriber: pubsubFeed, log });
  const bus = new RedisStreamsEventBus({ redisUrl: url, log: log.child({ component: 'events' }) });
  try {
    // Serve with the current revocations loaded; if Redis is down at start, serve anyway
    // (the list catches up when it connects) rather than refuse every request.
    await revocations.ready();
  } catch (error) {
    log.warn({ err: error }, 'Redis unreachable at start: revocations load when it returns');
  }
  const where = new URL(url);
  return {
    mode: 'redis',
    bus,
    revocations,
    pubsub,
    redis,
    describe: () =>
      `shared state on Redis at ${where.hostname}:${where.port || 6379} (events, revocations, subscriptions, rate limits, caches)`,
    async close() {
      await bus.close();
      revocations.close();
      // quit() waits for Redis to answer; with Redis gone, just drop the connections.
      for (const connection of [redis, revocationFeed, pubsubFeed]) {
        if (connection.status === 'ready') await connection.quit().catch(() => undefined);
        else connection.disconnect();
      }
    },
  };
}

export function createSharedRuntime(config: CampusConfig, log: Logger): Promise<SharedRuntime> {
  const runtimeLog = log.child({ component: 'runtime' });
  return config.redisUrl
    ? redisRuntime(config.redisUrl, runtimeLog)
    : Promise.resolve(inProcessRuntime());
}
