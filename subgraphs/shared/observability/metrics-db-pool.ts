import type { DataSource } from 'typeorm';
import type { ServiceMetrics } from './metrics';

/** What node-postgres's Pool tells about itself (pg.Pool). */
interface PoolState {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

const isPoolState = (value: unknown): value is PoolState => {
  const pool = value as Partial<PoolState> | null | undefined;
  return (
    typeof pool?.totalCount === 'number' &&
    typeof pool.idleCount === 'number' &&
    typeof pool.waitingCount === 'number'
  );
};

/**
 * The pg Pool under TypeORM: PostgresDriver keeps it as `master` (typed `any` there). Only
 * once the DataSource is initialized; undefined for another driver.
 */
function poolOf(dataSource: DataSource): PoolState | undefined {
  if (!dataSource.isInitialized) return undefined;
  const { master } = dataSource.driver as { master?: unknown };
  return isPoolState(master) ? master : undefined;
}

/**
 * The service's database pool, read at scrape: connections open, idle, and queries waiting
 * for one (a pool that stays saturated shows here before it shows as latency).
 */
export function observeDatabasePool(metrics: ServiceMetrics, dataSource: DataSource): void {
  metrics.gaugeAtScrape(
    {
      name: 'campus_db_pool_connections',
      help: 'Connections of the database pool, by state (total open, idle, max allowed).',
      labelNames: ['state'],
    },
    () => {
      const pool = poolOf(dataSource);
      if (!pool) return [];
      const samples: [{ state: string }, number][] = [
        [{ state: 'total' }, pool.totalCount],
        [{ state: 'idle' }, pool.idleCount],
      ];
      if (typeof pool.options?.max === 'number') samples.push([{ state: 'max' }, pool.options.max]);
      return samples;
    },
  );
  metrics.gaugeAtScrape(
    {
      name: 'campus_db_pool_waiting_requests',
      help: 'Queries waiting for a connection of the database pool.',
    },
    () => {
      const pool = poolOf(dataSource);
      return pool ? [[{}, pool.waitingCount]] : [];
    },
  );
}
