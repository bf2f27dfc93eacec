import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

/** Every Redis call has a deadline; a blocking read (XREADGROUP BLOCK) gets its own connection. */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 2_000;

/**
 * An ioredis connection with deadlines and a bounded reconnect backoff. Commands issued
 * while Redis is down fail at once (no offline queue): each use decides what that means
 * (README, "Redis down"). `blocking` connections have no command deadline, since a
 * blocking read waits on purpose; their own BLOCK timeout bounds them.
 */
export function connectRedis(
  url: string,
  log: Logger,
  name: string,
  options: { blocking?: boolean } = {},
): Redis {
  const settings: RedisOptions = {
    connectionName: `campus:${name}`,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: options.blocking ? undefined : REDIS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  };
  const redis = new Redis(url, settings);
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) log.warn({ err: error, connection: name }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info({ connection: name }, 'redis connection restored');
    down = false;
  });
  return redis;
}

/** Resolves once the connection is ready (or rejects after `timeoutMs`). */
export async function redisReady(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
