import { SUBGRAPH_FACTORIES, startAndSeed } from '../scripts/subgraph-factories';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { SUBGRAPH_NAMES, TOPOLOGY, type SubgraphName } from '../subgraphs/shared/topology';
import { untilEventsDelivered } from './events-delivered';
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
  // Seeds build on each other's events (profiles from user.registered, booking's course
  // view from course.changed), so the supergraph is seeded as npm start does it: all five.
  it('seeding the whole supergraph again adds nothing, in any schema', async () => {
    const config = await testConfig();
    const runs: Record<string, Record<string, number>>[] = [];
    for (let run = 0; run < 2; run += 1) {
      const services = SUBGRAPH_NAMES.map((name) => SUBGRAPH_FACTORIES[name](config, testLog));
      await startAndSeed(services, true);
      try {
        // Events of earlier test files may still be arriving; count once all have landed.
        await untilEventsDelivered(services);
        const counts = await Promise.all(
          services.map(async (service) => [service.name, await rowCounts(service, service.name)]),
        );
        runs.push(Object.fromEntries(counts) as Record<string, Record<string, number>>);
      } finally {
        await Promise.all(services.map((service) => service.stop()));
      }
    }
    expect(runs[1]).toEqual(runs[0]);
    for (const name of SUBGRAPH_NAMES) {
      const seeded = Object.entries(runs[0]?.[name] ?? {}).filter(
        ([table]) => table !== 'typeorm_migrations',
      );
      expect([name, seeded.some(([, n]) => n > 0)]).toEqual([name, true]);
    }
  });
});
