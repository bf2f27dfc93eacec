import type Redis from 'ioredis';
import { connectRedis, redisReady } from '../subgraphs/shared/redis/connection';
import { rootLogger } from '../subgraphs/shared/logger';
import { redisServerOnPath, startLocalRedis, type LocalRedis } from '../scripts/redis-server';

/** A real redis-server for a test file, on a free port, with nothing persisted. */
export type TestRedis = LocalRedis;

/** Whether redis-server is installed; CI (CI=true) requires it, so a missing one fails. */
export function redisServerAvailable(): boolean {
  const found = redisServerOnPath();
  if (!found && process.env.CI) {
    throw new Error('redis-server is required under CI (.ci/run installs it)');
  }
  return found;
}

export const startTestRedis = (): Promise<TestRedis> => startLocalRedis();

/** The calls Redis counted of one command since the last CONFIG RESETSTAT. */
export async function commandCalls(redis: Redis, command: string): Promise<number> {
  const info = await redis.info('commandstats');
  const match = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info);
  return match ? Number(match[1]) : 0;
}

/** Waits until a connection has noticed an outage (it then skips Redis without waiting). */
export async function noticedDown(redis: Redis): Promise<void> {
  for (let i = 0; redis.status === 'ready' && i < 200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (redis.status === 'ready') throw new Error('the connection did not notice the outage');
}

/**
 * One real redis-server and three connections to it, as two instances of a service and a
 * test's own probe would hold: for tests of state shared between instances.
 */
export interface RedisForTwoInstances {
  server: TestRedis;
  probe: Redis;
  a: Redis;
  b: Redis;
  /** Restarts the server if a test stopped it, and waits for every connection. */
  ensureUp(): Promise<void>;
  /** Drops the connections and stops the server (after the services stopped). */
  close(): Promise<void>;
}

export async function startRedisForTwoInstances(name: string): Promise<RedisForTwoInstances> {
  const server = await startTestRedis();
  const [probe, a, b] = ['probe', `${name}-a`, `${name}-b`].map((label) =>
    connectRedis(server.url, rootLogger.child({ test: true }), label),
  ) as [Redis, Redis, Redis];
  const all = [probe, a, b];
  await Promise.all(all.map((r) => redisReady(r)));
  return {
    server,
    probe,
    a,
    b,
    async ensureUp() {
      if (probe.status === 'ready') return;
      await server.start();
      await Promise.all(all.map((r) => redisReady(r, 10_000)));
    },
    async close() {
      for (const r of all) r.disconnect();
      await server.stop();
    },
  };
}
