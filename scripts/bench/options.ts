import path from 'node:path';
import { REPO_ROOT } from '../../subgraphs/shared/config';
import type { CampusConfig } from '../../subgraphs/shared/config';
import type { Logger } from '../../subgraphs/shared/logger';
import type { ClusterBuild } from '../cluster';
import type { BenchCredentials } from './dataset';
import { BENCH_OPERATIONS } from './operations';
import { TOPOLOGY_NAMES, type TopologyName, type Topology } from './topologies';

/** What one benchmark run does; `optionsFromEnv` reads `npm run bench`'s variables. */
export interface BenchOptions {
  /** Data set scale (1.0: 2,000 users, 200 courses, …; fractions allowed). BENCH_SCALE */
  scale: number;
  /** Seconds per timed run. BENCH_SECONDS */
  seconds: number;
  /** Interleaved rounds (median and spread over them). BENCH_ROUNDS */
  rounds: number;
  /** Closed-loop connection counts. BENCH_CONNECTIONS ("10,50") */
  connections: number[];
  /** Operation names (operations.ts); all when absent. BENCH_OPERATIONS */
  operations?: string[];
  /** Which topologies, in this order. BENCH_TOPOLOGIES ("A,H,B,S") */
  topologies: TopologyName[];
  /** Skip `npm run build` when dist/ exists. BENCH_SKIP_BUILD=1 */
  skipBuild: boolean;
  /**
   * Start everything, check the answers, then keep it running (URLs, tokens and process ids
   * in bench/results/hold.json) until Ctrl-C, for profiling by hand. BENCH_HOLD=1
   */
  hold: boolean;
  /** The services' NODE_ENV. BENCH_NODE_ENV ("production") */
  nodeEnv: string;
  /** A's processes: `dist` (the production build) or `source` (tsx). BENCH_BUILD ("dist") */
  build: ClusterBuild;
  /** Seconds of priming load per operation and topology before timing (default 3). */
  primeSeconds: number;
  /** Requests counted per operation and topology for SQL and subgraph calls (default 20). */
  countRequests: number;
  /** An admin URL of an existing PostgreSQL; else DATABASE_URL, else the embedded one. */
  adminUrl?: string;
  /** The bench database (dropped and reloaded); default campus_bench. */
  database?: string;
  /** Dev secrets and the embedded PostgreSQL's data. CAMPUS_DATA_DIR (".data") */
  dataDir: string;
  /** An existing Redis for A; else a redis-server is started when A or H runs. */
  redisUrl?: string;
  /** Where the report is written (<date>.md and .json); null: not written. */
  resultsDir: string | null;
  /** Print the markdown report to stdout. */
  print: boolean;
  log?: Logger;
  /** The chat fan-out after timing (fanout-step.ts); null: skipped. BENCH_FANOUT=0 */
  fanout: FanoutSettings | null;
  /** The cost of tracing, after timing, before the fan-out (tracing-step.ts); null: skipped. BENCH_TRACING=0 */
  tracing: TracingSettings | null;
}

/**
 * The tracing step: A with tracing off against more A clusters exporting spans to a local
 * OTLP sink, one per sampling ratio, interleaved, with the main timing's rounds and seconds.
 */
export interface TracingSettings {
  /** OTEL_TRACES_SAMPLER_ARG of each traced cluster (0..1). BENCH_TRACING_RATIOS ("1,0.01") */
  ratios: number[];
  /** Operation names (operations.ts). BENCH_TRACING_OPERATIONS ("dashboard,me") */
  operations: string[];
  /** Closed-loop connection counts. BENCH_TRACING_CONNECTIONS ("10") */
  connections: number[];
}

export const DEFAULT_TRACING: TracingSettings = {
  ratios: [1, 0.01],
  operations: ['dashboard', 'me'],
  connections: [10],
};

/** The chat fan-out step (fanout-step.ts, measured by fanout.ts's measureFanout). */
export interface FanoutSettings {
  /** Sockets subscribed to one support session. BENCH_FANOUT_SUBSCRIBERS (1000) */
  subscribers: number;
  /**
   * Distinct viewer tokens among them: the session's customer, then ADMIN tokens, each its
   * own sign-in; subscriber i uses token i mod viewers. BENCH_FANOUT_VIEWERS (100)
   */
  viewers: number;
  /** Messages sent back to back. BENCH_FANOUT_BURST (100) */
  burst: number;
  /** Open-loop message rates per second, in order. BENCH_FANOUT_RATES ("5,10,20,40,80") */
  rates: number[];
  /** Seconds per rate. BENCH_FANOUT_SECONDS (5) */
  secondsPerRate: number;
  /** Where it runs, of the topologies up. BENCH_FANOUT_TOPOLOGIES ("A,S") */
  topologies: TopologyName[];
  /** Subscribers in a worker thread apart from the sender (true). BENCH_FANOUT_THREAD=0: not */
  subscriberThread: boolean;
  /** How long to wait for late receipts after a phase's last response (ms; default 5000). */
  settleMs?: number;
}

export const DEFAULT_FANOUT: FanoutSettings = {
  subscribers: 1000,
  viewers: 100,
  burst: 100,
  rates: [5, 10, 20, 40, 80],
  secondsPerRate: 5,
  topologies: ['A', 'S'],
  subscriberThread: true,
};

/** What the fan-out step gets (enough for measureFanout and signFanoutTokens). */
export interface FanoutContext {
  /** The running topologies (their URLs and pids), timing done. */
  topologies: readonly Topology[];
  /** The services' configuration (jwt keys for signFanoutTokens). */
  config: CampusConfig;
  /** The data set's people: busy support sessions, their customers, the admin. */
  credentials: BenchCredentials;
  /** One token per virtual user, signed as auth would sign them. */
  tokens: readonly string[];
  log: Logger;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  scale: 1,
  seconds: 20,
  rounds: 3,
  connections: [10, 50],
  topologies: [...TOPOLOGY_NAMES],
  skipBuild: false,
  hold: false,
  nodeEnv: 'production',
  build: 'dist',
  primeSeconds: 3,
  countRequests: 20,
  dataDir: path.join(REPO_ROOT, '.data'),
  resultsDir: path.join(REPO_ROOT, 'bench', 'results'),
  print: true,
  fanout: DEFAULT_FANOUT,
  tracing: DEFAULT_TRACING,
};

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function topologyList(name: string, value: string | undefined, fallback: TopologyName[]) {
  const topologies = list(value) ?? fallback;
  const unknown = topologies.filter((t) => !(TOPOLOGY_NAMES as readonly string[]).includes(t));
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')}`);
  return topologies as TopologyName[];
}

/** A positive number from the environment, else the default. */
function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!(value > 0)) throw new Error(`${name}: expected a positive number, got ${env[name]}`);
  return value;
}

export function fanoutFromEnv(env: NodeJS.ProcessEnv = process.env): FanoutSettings | null {
  if (env.BENCH_FANOUT === '0') return null;
  const d = DEFAULT_FANOUT;
  return {
    subscribers: positive(env, 'BENCH_FANOUT_SUBSCRIBERS', d.subscribers),
    viewers: positive(env, 'BENCH_FANOUT_VIEWERS', d.viewers),
    burst: positive(env, 'BENCH_FANOUT_BURST', d.burst),
    rates: (list(env.BENCH_FANOUT_RATES) ?? d.rates.map(String)).map((r) => {
      const rate = Number(r);
      if (!(rate > 0)) throw new Error(`BENCH_FANOUT_RATES: not a rate: ${r}`);
      return rate;
    }),
    secondsPerRate: positive(env, 'BENCH_FANOUT_SECONDS', d.secondsPerRate),
    topologies: topologyList('BENCH_FANOUT_TOPOLOGIES', env.BENCH_FANOUT_TOPOLOGIES, d.topologies),
    subscriberThread: env.BENCH_FANOUT_THREAD !== '0',
  };
}

export function tracingFromEnv(env: NodeJS.ProcessEnv = process.env): TracingSettings | null {
  if (env.BENCH_TRACING === '0') return null;
  const d = DEFAULT_TRACING;
  const ratios = (list(env.BENCH_TRACING_RATIOS) ?? d.ratios.map(String)).map((r) => {
    const ratio = Number(r);
    if (!(ratio >= 0 && ratio <= 1)) throw new Error(`BENCH_TRACING_RATIOS: not a ratio: ${r}`);
    return ratio;
  });
  const connections = (list(env.BENCH_TRACING_CONNECTIONS) ?? d.connections.map(String)).map(
    (c) => {
      const count = Number(c);
      if (!(Number.isInteger(count) && count > 0)) {
        throw new Error(`BENCH_TRACING_CONNECTIONS: not a connection count: ${c}`);
      }
      return count;
    },
  );
  if (ratios.length === 0) throw new Error('BENCH_TRACING_RATIOS: none given');
  if (connections.length === 0) throw new Error('BENCH_TRACING_CONNECTIONS: none given');
  const operations = list(env.BENCH_TRACING_OPERATIONS) ?? d.operations;
  const unknown = operations.filter((o) => !BENCH_OPERATIONS.some((b) => b.name === o));
  if (unknown.length) throw new Error(`BENCH_TRACING_OPERATIONS: unknown ${unknown.join(', ')}`);
  // One cluster per distinct ratio.
  return { ratios: [...new Set(ratios)], operations, connections };
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const topologies = topologyList(
    'BENCH_TOPOLOGIES',
    env.BENCH_TOPOLOGIES,
    DEFAULT_OPTIONS.topologies,
  );
  return {
    ...DEFAULT_OPTIONS,
    scale: Number(env.BENCH_SCALE ?? DEFAULT_OPTIONS.scale),
    seconds: Number(env.BENCH_SECONDS ?? DEFAULT_OPTIONS.seconds),
    rounds: Number(env.BENCH_ROUNDS ?? DEFAULT_OPTIONS.rounds),
    connections: (list(env.BENCH_CONNECTIONS) ?? ['10', '50']).map(Number),
    operations: list(env.BENCH_OPERATIONS),
    topologies,
    skipBuild: env.BENCH_SKIP_BUILD === '1',
    hold: env.BENCH_HOLD === '1',
    nodeEnv: env.BENCH_NODE_ENV ?? DEFAULT_OPTIONS.nodeEnv,
    build: env.BENCH_BUILD === 'source' ? 'source' : 'dist',
    dataDir: path.resolve(REPO_ROOT, env.CAMPUS_DATA_DIR ?? '.data'),
    fanout: fanoutFromEnv(env),
    tracing: tracingFromEnv(env),
  };
}
