import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { AccessTokenSigner } from '../../subgraphs/shared/auth/tokens';
import { REPO_ROOT } from '../../subgraphs/shared/config';
import { rootLogger } from '../../subgraphs/shared/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/shared/topology';
import { launchCluster, type RunningCluster } from '../cluster';
import { adminDatabase, type EmbeddedCluster } from '../embedded-postgres';
import { freePort } from '../free-port';
import { startLocalRedis, type LocalRedis } from '../redis-server';
import { benchConfig, benchCredentials, loadBenchDataset } from './dataset';
import { runLoad, type LoadResult } from './load';
import { BENCH_OPERATIONS, type BenchOperation } from './operations';
import { pidsNamed, sampleProcess } from './proc-stats';

/**
 * `npm run bench`: Campus against Hive Gateway on the same machine, the same subgraph
 * processes, the same PostgreSQL and data set, in one run. Topologies: A (the gateway and
 * five subgraphs as separate processes), H (Hive Gateway on A's subgraphs) and B (the
 * gateway executing the subgraph schemas in its own process, no HTTP hop). Every process is
 * primed first, answers are compared before timing, runs are interleaved, and the median of
 * the rounds is reported with its spread. Results go to bench/results/.
 *
 * Environment: BENCH_SCALE (1), BENCH_SECONDS (20), BENCH_ROUNDS (3), BENCH_CONNECTIONS
 * ("10,50"), BENCH_OPERATIONS (all), DATABASE_URL (else an embedded PostgreSQL in .data).
 */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '10,50').split(',').map(Number);
const ONLY = process.env.BENCH_OPERATIONS?.split(',');
const TSX = ['--import', 'tsx'];

type TopologyName = 'A' | 'H' | 'B';

interface Topology {
  name: TopologyName;
  url: string;
  /** Processes whose CPU counts for this topology, by role. */
  pids: () => Record<string, number[]>;
}

interface Cell {
  operation: string;
  connections: number;
  topology: TopologyName;
  rounds: (LoadResult & { cpuMsPerRequest: Record<string, number> })[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

function spawnNode(entry: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [...TSX, path.join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitFor(url: string, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer`);
}

const post = async (url: string, query: string, token: string): Promise<string> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return response.text();
};

/** The same answer, whoever serves it (key order and whitespace aside). */
const normalized = (text: string): string => JSON.stringify(JSON.parse(text) as unknown);

async function main(): Promise<void> {
  const log = rootLogger.child({ service: 'bench' });
  const dataDir = path.resolve(REPO_ROOT, process.env.CAMPUS_DATA_DIR ?? '.data');
  const children: ChildProcess[] = [];
  let postgres: EmbeddedCluster | undefined;
  let redis: LocalRedis | undefined;
  let cluster: RunningCluster | undefined;
  const cleanup = async () => {
    for (const child of children) child.kill('SIGTERM');
    await cluster?.stop();
    await redis?.stop();
    await postgres?.stop();
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    const admin = await adminDatabase(process.env, dataDir, log);
    postgres = admin.cluster;
    const adminUrl = admin.url;
    const env = { ...process.env, CAMPUS_DATA_DIR: dataDir };
    const dataset = await loadBenchDataset(adminUrl, { scale: SCALE, log, env });
    log.info({ ms: dataset.totalMs, counts: dataset.counts }, 'bench data set loaded');
    const config = await benchConfig(adminUrl, dataset.database, env);
    redis = await startLocalRedis();

    const serviceEnv = {
      CAMPUS_DATA_DIR: dataDir,
      DB_HOST: config.db.host,
      DB_PORT: String(config.db.port),
      DB_NAME: config.db.database,
      NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
      GATEWAY_SECRET: config.gatewaySecret,
      JWT_PUBLIC_KEY: config.jwt.publicKey,
      JWT_PRIVATE_KEY: config.jwt.privateKey ?? '',
      SMTP_URL: 'smtp://localhost:2525',
      MAIL_FROM: 'bench@campus.test',
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(
        SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_DB_PASSWORD`, config.dbPasswords[n]]),
      ),
    };
    const subgraphPorts = {} as Record<SubgraphName, number>;
    for (const name of SUBGRAPH_NAMES) subgraphPorts[name] = await freePort();
    // A is the production shape: the build, run by plain node.
    if (process.env.BENCH_SKIP_BUILD !== '1') {
      const built = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('npm run build failed');
    }
    cluster = await launchCluster({
      env: { ...serviceEnv, REDIS_URL: redis.url },
      seed: false,
      build: 'dist',
      ports: {
        subgraphs: subgraphPorts,
        secondSupport: await freePort(),
        gateways: [await freePort(), await freePort()],
      },
      onLine: (label, line) => {
        if (/"level":(50|60)/.test(line)) process.stderr.write(`[${label}] ${line}\n`);
      },
    });
    const running = cluster;
    const subgraphPids = () =>
      SUBGRAPH_NAMES.map((n) => running.processes.get(n)?.pid ?? 0).filter(Boolean);

    // H routes to A's subgraph processes: the supergraph with their URLs written in.
    const work = mkdtempSync(path.join(tmpdir(), 'campus-bench-'));
    let supergraph = readFileSync(config.supergraphPath, 'utf8');
    for (const name of SUBGRAPH_NAMES) {
      supergraph = supergraph.replace(
        new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+"`),
        `$1http://localhost:${subgraphPorts[name]}/graphql"`,
      );
    }
    const supergraphFile = path.join(work, 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraph);
    const hivePort = await freePort();
    const hive = spawnNode('scripts/bench/hive-gateway.ts', {
      HIVE_PORT: String(hivePort),
      SUPERGRAPH_FILE: supergraphFile,
      GATEWAY_SECRET: config.gatewaySecret,
    });
    const inProcessPort = await freePort();
    const inProcess = spawnNode('scripts/bench/in-process-gateway.ts', {
      ...serviceEnv,
      GATEWAY_PORT: String(inProcessPort),
    });
    children.push(hive, inProcess);

    const topologies: Topology[] = [
      {
        name: 'A',
        url: running.gatewayUrls[0],
        pids: () => ({
          gateway: [running.processes.get('gateway')?.pid ?? 0],
          subgraphs: subgraphPids(),
          postgres: pidsNamed('postgres'),
        }),
      },
      {
        name: 'H',
        url: `http://localhost:${hivePort}/graphql`,
        pids: () => ({
          gateway: [hive.pid ?? 0],
          subgraphs: subgraphPids(),
          postgres: pidsNamed('postgres'),
        }),
      },
      {
        name: 'B',
        url: `http://localhost:${inProcessPort}/graphql`,
        pids: () => ({ gateway: [inProcess.pid ?? 0], postgres: pidsNamed('postgres') }),
      },
    ];
    const probe = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    };
    for (const topology of topologies) await waitFor(topology.url, probe);

    // Every virtual user its own token, signed with the services' key as auth would.
    const credentials = benchCredentials(SCALE, { students: Math.max(...CONNECTIONS) });
    const signer = new AccessTokenSigner(config.jwt);
    const tokens = await Promise.all(
      credentials.students.map(async (s) => {
        const { token } = await signer.sign({
          userId: s.id,
          role: 'STUDENT',
          sessionId: crypto.randomUUID(),
        });
        return token;
      }),
    );
    const operations = BENCH_OPERATIONS.filter((o) => !ONLY || ONLY.includes(o.name));

    // Same answers everywhere before anything is timed.
    const equality: Record<string, boolean> = {};
    for (const operation of operations) {
      const answers = await Promise.all(
        topologies.map(async (t) =>
          normalized(await post(t.url, operation.query(1), tokens[0] ?? '')),
        ),
      );
      equality[operation.name] = answers.every((a) => a === answers[0]);
      if (!equality[operation.name])
        log.warn({ operation: operation.name, answers }, 'answers differ');
    }

    const prime = async (topology: Topology, operation: BenchOperation) =>
      runLoad({ url: topology.url, operation, tokens, connections: 10, seconds: 3 });
    for (const operation of operations) {
      for (const topology of topologies) await prime(topology, operation);
    }

    const cells: Cell[] = [];
    for (const operation of operations) {
      for (const connections of CONNECTIONS) {
        const byTopology = new Map<TopologyName, Cell>();
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const topology of topologies) {
            const pids = topology.pids();
            const before = new Map(
              Object.values(pids)
                .flat()
                .map((pid) => [pid, sampleProcess(pid).cpuMs]),
            );
            const result = await runLoad({
              url: topology.url,
              operation,
              tokens,
              connections,
              seconds: SECONDS,
            });
            // Only processes alive at both samples count (PostgreSQL backends come and go).
            const cpuMsPerRequest = Object.fromEntries(
              Object.entries(pids).map(([role, list]) => {
                const used = list.reduce((sum, pid) => {
                  const start = before.get(pid);
                  const end = sampleProcess(pid).cpuMs;
                  return start === undefined || end === 0 ? sum : sum + end - start;
                }, 0);
                return [role, Number((used / Math.max(1, result.requests)).toFixed(2))];
              }),
            );
            const cell = byTopology.get(topology.name) ?? {
              operation: operation.name,
              connections,
              topology: topology.name,
              rounds: [],
            };
            cell.rounds.push({ ...result, cpuMsPerRequest });
            byTopology.set(topology.name, cell);
            log.info(
              {
                operation: operation.name,
                connections,
                topology: topology.name,
                round,
                rps: result.requestsPerSecond,
                p99: result.p99,
              },
              'bench run',
            );
          }
        }
        cells.push(...byTopology.values());
      }
    }

    const rss = Object.fromEntries(
      topologies.map((t) => [
        t.name,
        Object.fromEntries(
          Object.entries(t.pids()).map(([role, list]) => [
            role,
            list.reduce((s, pid) => s + sampleProcess(pid).rssKiB, 0),
          ]),
        ),
      ]),
    );
    const report = summarize(cells, equality, rss, {
      scale: SCALE,
      seconds: SECONDS,
      rounds: ROUNDS,
    });
    const dir = path.join(REPO_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    writeFileSync(path.join(dir, `${stamp}.json`), JSON.stringify(report.json, null, 2));
    writeFileSync(path.join(dir, `${stamp}.md`), report.markdown);
    console.log(report.markdown);
  } finally {
    await cleanup();
  }
  process.exit(0);
}

function summarize(
  cells: Cell[],
  equality: Record<string, boolean>,
  rss: Record<string, Record<string, number>>,
  settings: { scale: number; seconds: number; rounds: number },
) {
  const rps = (c: Cell | undefined) => median(c?.rounds.map((r) => r.requestsPerSecond) ?? []);
  const spread = (c: Cell | undefined) => {
    const values = c?.rounds.map((r) => r.requestsPerSecond) ?? [];
    return values.length
      ? `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`
      : '';
  };
  const p = (c: Cell | undefined, key: 'p50' | 'p99') => median(c?.rounds.map((r) => r[key]) ?? []);
  const cpu = (c: Cell | undefined) => {
    const roles = Object.keys(c?.rounds[0]?.cpuMsPerRequest ?? {});
    return roles
      .map(
        (role) =>
          `${role} ${median(c?.rounds.map((r) => r.cpuMsPerRequest[role] ?? 0) ?? []).toFixed(1)}`,
      )
      .join(', ');
  };
  const keys = [...new Set(cells.map((c) => `${c.operation}|${c.connections}`))];
  const lines = [
    `Campus benchmark, ${new Date().toISOString()}: ${cpus().length} cores, Node ${process.version}, scale ${settings.scale}, ${settings.rounds} interleaved rounds of ${settings.seconds} s (median, spread).`,
    '',
    '| operation | conn | A req/s | H req/s | B req/s | A/H | A/B | p50 A / H / B (ms) | p99 A / H / B (ms) | errors A/H/B | CPU ms per request A | CPU ms per request H | same answers |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = keys.map((key) => {
    const [operation, connections] = key.split('|');
    const of = (t: TopologyName) =>
      cells.find(
        (c) =>
          c.operation === operation && String(c.connections) === connections && c.topology === t,
      );
    const [a, h, b] = [of('A'), of('H'), of('B')];
    const errors = (c: Cell | undefined) =>
      (c?.rounds ?? []).reduce((s, r) => s + r.errors + r.non2xx, 0);
    lines.push(
      `| ${operation} | ${connections} | ${rps(a).toFixed(0)} (${spread(a)}) | ${rps(h).toFixed(0)} (${spread(h)}) | ${rps(b).toFixed(0)} (${spread(b)}) | ${(rps(a) / Math.max(1, rps(h))).toFixed(2)} | ${(rps(a) / Math.max(1, rps(b))).toFixed(2)} | ${p(a, 'p50')} / ${p(h, 'p50')} / ${p(b, 'p50')} | ${p(a, 'p99')} / ${p(h, 'p99')} / ${p(b, 'p99')} | ${errors(a)}/${errors(h)}/${errors(b)} | ${cpu(a)} | ${cpu(h)} | ${equality[operation ?? ''] ? 'yes' : 'NO'} |`,
    );
    return {
      operation,
      connections: Number(connections),
      A: a,
      H: h,
      B: b,
      ratioAH: rps(a) / Math.max(1, rps(h)),
      ratioAB: rps(a) / Math.max(1, rps(b)),
    };
  });
  lines.push('', `Peak RSS (KiB): ${JSON.stringify(rss)}`);
  return {
    markdown: `${lines.join('\n')}\n`,
    json: { settings, cores: cpus().length, node: process.version, equality, rss, rows },
  };
}

void main();
