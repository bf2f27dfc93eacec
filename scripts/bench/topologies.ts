import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CampusConfig } from '../../subgraphs/shared/config';
import { REPO_ROOT } from '../../subgraphs/shared/config';
import { SUBGRAPH_NAMES, envPrefix, type SubgraphName } from '../../subgraphs/shared/topology';
import { launchCluster, type ClusterBuild, type RunningCluster } from '../cluster';
import { freePort } from '../free-port';
import { spawnNode, stopChild, waitForGraphql, type Env } from './processes';

/**
 * The four ways the benchmark runs Campus or its peer, each started on free ports and
 * returned as a Topology: A, the gateway and five subgraphs as separate processes (the
 * production build, on Redis); H, Hive Gateway on A's subgraph processes; B, the gateway
 * executing the five subgraph schemas in its own process; S, `npm start` as shipped (one
 * process, in-process events and caches) on the bench database.
 */
export const TOPOLOGY_NAMES = ['A', 'H', 'B', 'S'] as const;
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];
/** A topology's name, or a variant of it timed beside it (the tracing step's `A·trace100`). */
export type TopologyLabel = TopologyName | `${TopologyName}·${string}`;

export interface Topology {
  name: TopologyLabel;
  /** The GraphQL endpoint load is sent to. */
  url: string;
  /** Processes whose CPU and memory count for this topology, by role. */
  pids(): Record<string, number[]>;
  stop(): Promise<void>;
}

/** What every topology is started from. */
export interface ServiceSetup {
  /** The services' environment (database, secrets, NODE_ENV…), without REDIS_URL. */
  env: Env;
  /** A's Redis. */
  redisUrl?: string;
  config: CampusConfig;
  /** An admin URL of the bench database (S bootstraps through it, as npm start does). */
  adminUrl: string;
  /** The supergraph SDL (H's, with subgraph URLs rewritten). */
  supergraph: string;
  /** A folder for generated files. */
  work: string;
  /** `dist` (production build, A's shape) or `source` (tsx). */
  build: ClusterBuild;
  postgresPids(): number[];
}

const local = (port: number) => `http://localhost:${port}/graphql`;

/** The supergraph with each @join__graph url replaced (H and the count probes). */
export function supergraphWith(sdl: string, urls: Record<SubgraphName, string>): string {
  let text = sdl;
  for (const name of SUBGRAPH_NAMES) {
    text = text.replace(
      new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+"`),
      `$1${urls[name]}"`,
    );
  }
  return text;
}

/** `npm run build` unless skipped (A runs dist/). */
export function buildDist(skip: boolean): void {
  if (skip && existsSync(path.join(REPO_ROOT, 'dist', 'gateway', 'main.js'))) return;
  const built = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

const gatewayEntry = (build: ClusterBuild) =>
  build === 'dist' ? 'dist/gateway/main.js' : 'gateway/main.ts';

/** A's processes: five subgraphs and the gateway (launchCluster's shape, on Redis). */
export interface SubgraphCluster {
  topology: Topology;
  subgraphUrls: Record<SubgraphName, string>;
  subgraphPids(): number[];
}

export async function startA(setup: ServiceSetup): Promise<SubgraphCluster> {
  if (!setup.redisUrl) throw new Error('topology A needs Redis');
  const subgraphPorts = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPH_NAMES) subgraphPorts[name] = await freePort();
  const cluster: RunningCluster = await launchCluster({
    env: { ...(setup.env as Record<string, string>), REDIS_URL: setup.redisUrl },
    seed: false,
    build: setup.build,
    ports: {
      subgraphs: subgraphPorts,
      secondSupport: await freePort(),
      gateways: [await freePort(), await freePort()],
    },
    onLine: (label, line) => {
      // Errors, and whatever is not a log line (a crash's stack trace).
      if (/"level":(50|60)/.test(line) || !line.startsWith('{')) {
        process.stderr.write(`[${label}] ${line}\n`);
      }
    },
  });
  const pidOf = (label: string) => cluster.processes.get(label)?.pid ?? 0;
  const subgraphPids = () => SUBGRAPH_NAMES.map(pidOf).filter(Boolean);
  return {
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [n, local(subgraphPorts[n])]),
    ) as Record<SubgraphName, string>,
    subgraphPids,
    topology: {
      name: 'A',
      url: cluster.gatewayUrls[0],
      pids: () => ({
        gateway: [pidOf('gateway')],
        subgraphs: subgraphPids(),
        postgres: setup.postgresPids(),
      }),
      stop: () => cluster.stop(),
    },
  };
}

function childTopology(
  name: TopologyName,
  url: string,
  child: ChildProcess,
  pids: () => Record<string, number[]>,
  cleanup: () => Promise<void> = async () => undefined,
): Topology {
  return {
    name,
    url,
    pids,
    stop: async () => {
      await stopChild(child);
      await cleanup();
    },
  };
}

/** Hive Gateway on the given subgraph URLs (A's processes, or count proxies in front of them). */
export async function startH(
  setup: ServiceSetup,
  subgraphUrls: Record<SubgraphName, string>,
  subgraphPids: () => number[],
  label = 'supergraph',
): Promise<Topology> {
  const file = path.join(setup.work, `${label}-hive.graphql`);
  writeFileSync(file, supergraphWith(setup.supergraph, subgraphUrls));
  const port = await freePort();
  const child = spawnNode('scripts/bench/hive-gateway.ts', {
    ...process.env,
    HIVE_PORT: String(port),
    SUPERGRAPH_FILE: file,
    GATEWAY_SECRET: setup.config.gatewaySecret,
  });
  const url = local(port);
  await waitForGraphql(url, child);
  return childTopology('H', url, child, () => ({
    gateway: [child.pid ?? 0],
    subgraphs: subgraphPids(),
    postgres: setup.postgresPids(),
  }));
}

/** Another Campus gateway process (A's build) routed to the given subgraph URLs. */
export async function startGateway(
  setup: ServiceSetup,
  subgraphUrls: Record<SubgraphName, string>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const routes = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [`${envPrefix(n)}_SUBGRAPH_URL`, subgraphUrls[n]]),
  );
  const child = spawnNode(gatewayEntry(setup.build), {
    ...setup.env,
    ...routes,
    REDIS_URL: setup.redisUrl,
    GATEWAY_PORT: String(port),
  });
  const url = local(port);
  await waitForGraphql(url, child);
  return { url, stop: () => stopChild(child) };
}

/** B, with its count of subgraph calls (executeOperation, no HTTP) on a side port. */
export async function startB(
  setup: ServiceSetup,
): Promise<Topology & { subgraphCalls(reset?: boolean): Promise<number> }> {
  const [port, callsPort] = [await freePort(), await freePort()];
  const child = spawnNode('scripts/bench/in-process-gateway.ts', {
    ...setup.env,
    GATEWAY_PORT: String(port),
    BENCH_CALLS_PORT: String(callsPort),
  });
  const url = local(port);
  await waitForGraphql(url, child);
  const topology = childTopology('B', url, child, () => ({
    gateway: [child.pid ?? 0],
    postgres: setup.postgresPids(),
  }));
  return {
    ...topology,
    subgraphCalls: async (reset = false) => {
      const response = await fetch(`http://127.0.0.1:${callsPort}/`, {
        method: reset ? 'DELETE' : 'GET',
      });
      return Number(await response.text());
    },
  };
}

/**
 * S: `npm start` as shipped (scripts/start.ts under node with tsx as a loader, as `tsx`
 * runs it), pointed at the bench database through DATABASE_URL and DB_NAME, without demo
 * seeding and without Redis (its in-process mode). `route` may put something (a count
 * proxy) between its gateway and its own subgraphs.
 */
export async function startS(
  setup: ServiceSetup,
  route?: (name: SubgraphName, url: string) => Promise<string>,
): Promise<Topology> {
  const port = await freePort();
  const env: Env = {
    ...setup.env,
    DATABASE_URL: setup.adminUrl,
    SEED_DEMO_DATA: 'false',
    GATEWAY_PORT: String(port),
    REDIS_URL: undefined,
  };
  for (const name of SUBGRAPH_NAMES) {
    const subgraphPort = await freePort();
    env[`${envPrefix(name)}_PORT`] = String(subgraphPort);
    if (route) env[`${envPrefix(name)}_SUBGRAPH_URL`] = await route(name, local(subgraphPort));
  }
  delete env.REDIS_URL;
  const child = spawnNode('scripts/start.ts', env);
  const url = local(port);
  await waitForGraphql(url, child);
  return childTopology('S', url, child, () => ({
    process: [child.pid ?? 0],
    postgres: setup.postgresPids(),
  }));
}
