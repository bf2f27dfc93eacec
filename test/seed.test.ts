import { SUBGRAPH_FACTORIES } from '../scripts/subgraph-factories';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { SUBGRAPH_NAMES, TOPOLOGY, type SubgraphName } from '../subgraphs/shared/topology';
import { testConfig, testLog } from './helpers';

/** Row count of every table in the subgraph's schema, read as its own role. */
async function rowCounts(service: RunnableSubgraph, name: SubgraphName) {
  const tables = (await service.dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [TOPOLOGY[name].schema],
  )) as { table_name: string }[];
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    const [row] = (await service.dataSource.query(
      `SELECT count(*)::int AS n FROM "${TOPOLOGY[name].schema}"."${table}"`,
    )) as { n: number }[];
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

describe('demo seed', () => {
  it.each(SUBGRAPH_NAMES)('%s: migrating and seeding again adds nothing', async (name) => {
    const config = await testConfig();
    const runs: Record<string, number>[] = [];
    for (let run = 0; run < 2; run += 1) {
      const service = SUBGRAPH_FACTORIES[name](config, testLog);
      await service.start({ seed: true });
      try {
        runs.push(await rowCounts(service, name));
      } finally {
        await service.stop();
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    const seeded = Object.entries(runs[0] ?? {}).filter(
      ([table]) => table !== 'typeorm_migrations',
    );
    expect(seeded.some(([, n]) => n > 0)).toBe(true);
  });
});
