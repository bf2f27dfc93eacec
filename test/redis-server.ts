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
