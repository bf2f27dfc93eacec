import type { Logger } from '../../subgraphs/shared/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/shared/topology';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import type { BenchOperation } from './operations';
import type { StatementCounter } from './postgres';
import { post } from './processes';
import {
  startGateway,
  startH,
  startS,
  type ServiceSetup,
  type SubgraphCluster,
  type TopologyName,
} from './topologies';

/**
 * Work per request, counted before anything is timed, one topology and one operation at a
 * time, requests sent one after another: SQL statements (pg_stat_statements, the bench
 * database only, the services' background polling left out) and subgraph calls.
 *
 * Subgraph calls are counted by probes, so the timed processes are never slowed down: for
 * A, a second gateway process of A's build and for H a second Hive Gateway, each routed
 * through counting proxies to A's subgraph processes; for S, a second `npm start` whose
 * gateway reaches its own subgraphs through counting proxies; B counts its in-process
 * calls itself (no HTTP).
 */
export interface RequestCounts {
  /** SQL statements per request; null when pg_stat_statements is not loaded. */
  sql: number | null;
  /** Subgraph calls per request (HTTP requests; in-process calls for B). */
  subgraphCalls: number;
}

/** counts[operation][topology] */
export type CountTable = Record<string, Partial<Record<TopologyName, RequestCounts>>>;

interface Probe {
  name: TopologyName;
  url: string;
  calls(): Promise<number>;
  resetCalls(): Promise<void>;
  stop(): Promise<void>;
}

async function proxies(
  targets: Record<SubgraphName, string>,
): Promise<Record<SubgraphName, CountingProxy>> {
  const started = {} as Record<SubgraphName, CountingProxy>;
  for (const name of SUBGRAPH_NAMES) started[name] = await startCountingProxy(targets[name]);
  return started;
}

function proxied(
  name: TopologyName,
  url: string,
  byName: Record<SubgraphName, CountingProxy>,
  stop: () => Promise<void>,
): Probe {
  const all = Object.values(byName);
  return {
    name,
    url,
    calls: async () => all.reduce((sum, p) => sum + p.count(), 0),
    resetCalls: async () => all.forEach((p) => p.reset()),
    stop: async () => {
      await stop();
      await Promise.all(all.map((p) => p.close()));
    },
  };
}

/** The probe of one topology, started when its turn comes and stopped after. */
export type ProbeFactory = () => Promise<Probe>;

export function probeFactories(options: {
  setup: ServiceSetup;
  cluster?: SubgraphCluster;
  b?: { url: string; subgraphCalls(reset?: boolean): Promise<number> };
  topologies: readonly TopologyName[];
}): Partial<Record<TopologyName, ProbeFactory>> {
  const { setup, cluster, b } = options;
  const factories: Partial<Record<TopologyName, ProbeFactory>> = {};
  if (cluster && options.topologies.includes('A')) {
    factories.A = async () => {
      const byName = await proxies(cluster.subgraphUrls);
      const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, byName[n].url]));
      const gateway = await startGateway(setup, urls as Record<SubgraphName, string>);
      return proxied('A', gateway.url, byName, () => gateway.stop());
    };
  }
  if (cluster && options.topologies.includes('H')) {
    factories.H = async () => {
      const byName = await proxies(cluster.subgraphUrls);
      const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, byName[n].url]));
      const hive = await startH(
        setup,
        urls as Record<SubgraphName, string>,
        () => [],
        'count-probe',
      );
      return proxied('H', hive.url, byName, () => hive.stop());
    };
  }
  if (b && options.topologies.includes('B')) {
    factories.B = async () => ({
      name: 'B',
      url: b.url,
      calls: () => b.subgraphCalls(),
      resetCalls: async () => void (await b.subgraphCalls(true)),
      stop: async () => undefined,
    });
  }
  if (options.topologies.includes('S')) {
    factories.S = async () => {
      const byName = {} as Record<SubgraphName, CountingProxy>;
      const s = await startS(setup, async (name, url) => {
        byName[name] = await startCountingProxy(url);
        return byName[name].url;
      });
      return proxied('S', s.url, byName, () => s.stop());
    };
  }
  return factories;
}

export async function countPerRequest(options: {
  factories: Partial<Record<TopologyName, ProbeFactory>>;
  operations: readonly BenchOperation[];
  tokens: readonly string[];
  statements?: StatementCounter;
  /** Requests counted per operation and topology (after as many priming ones). */
  requests: number;
  log: Logger;
}): Promise<CountTable> {
  const { operations, tokens, statements, requests, log } = options;
  const table: CountTable = Object.fromEntries(operations.map((o) => [o.name, {}]));
  const send = async (url: string, operation: BenchOperation, from: number) => {
    for (let i = 0; i < requests; i += 1) {
      await post(url, operation.query(from + i), tokens[i % tokens.length] ?? '');
    }
  };
  for (const [name, factory] of Object.entries(options.factories)) {
    const probe = await factory();
    try {
      for (const operation of operations) {
        await send(probe.url, operation, 0); // priming: pools, caches, plans
        await probe.resetCalls();
        await statements?.reset();
        await send(probe.url, operation, requests);
        const sql = statements ? (await statements.read()) / requests : null;
        const subgraphCalls = (await probe.calls()) / requests;
        const counts = {
          sql: sql === null ? null : Number(sql.toFixed(2)),
          subgraphCalls: Number(subgraphCalls.toFixed(2)),
        };
        (table[operation.name] ??= {})[name as TopologyName] = counts;
        log.info({ topology: name, operation: operation.name, ...counts }, 'bench counts');
      }
    } finally {
      await probe.stop();
    }
  }
  return table;
}
