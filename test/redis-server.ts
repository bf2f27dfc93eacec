import type Redis from 'ioredis';
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
