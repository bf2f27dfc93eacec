import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AccessTokenSigner } from '../../subgraphs/shared/auth/tokens';
import { withDatabase } from '../../subgraphs/shared/db/bootstrap';
import { REPO_ROOT } from '../../subgraphs/shared/config';
import { rootLogger } from '../../subgraphs/shared/logger';
import { SUBGRAPH_NAMES } from '../../subgraphs/shared/topology';
import { startLocalRedis, type LocalRedis } from '../redis-server';
import { countPerRequest, probeFactories } from './counts';
import { benchConfig, benchCredentials, loadBenchDataset } from './dataset';
import { runFanoutStep } from './fanout-step';
import { compareAnswers, measureRounds, peakRss, prime } from './measure';
import { BENCH_OPERATIONS } from './operations';
import { DEFAULT_OPTIONS, type BenchOptions } from './options';
import { StatementCounter, startBenchPostgres, type BenchPostgres } from './postgres';
import type { Env } from './processes';
import { buildReport, type BenchReport } from './report';
import {
  buildDist,
  startA,
  startB,
  startH,
  startS,
  type ServiceSetup,
  type SubgraphCluster,
  type Topology,
} from './topologies';
import { runTracingStep } from './tracing-step';

/**
 * `npm run bench` (run.ts reads the environment) and the smoke test: Campus against Hive
 * Gateway on the same machine, the same subgraph processes, the same PostgreSQL and data
 * set, in one run. In order: the data set, the topologies, the same answers everywhere,
 * SQL statements and subgraph calls per request (probes, before timing), priming, the
 * interleaved timed rounds, peak memory, the cost of tracing (more A clusters exporting
 * spans; BENCH_TRACING=0: off), the chat fan-out (A and S; BENCH_FANOUT=0: off), the report.
 */
export interface BenchResult {
  report: BenchReport;
  /** Where the report was written (markdown), if it was. */
  file?: string;
}

/** BENCH_HOLD=1: everything stays up, described in bench/results/hold.json, until Ctrl-C. */
async function holdForProfiling(
  topologies: Topology[],
  tokens: string[],
  log: { info: (obj: object, msg: string) => void },
): Promise<never> {
  const file = path.join(REPO_ROOT, 'bench', 'results', 'hold.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const described = topologies.map((t) => ({ name: t.name, url: t.url, pids: t.pids() }));
  writeFileSync(file, JSON.stringify({ topologies: described, tokens }, null, 2));
  log.info({ file }, 'holding: everything stays up until Ctrl-C');
  return new Promise<never>(() => undefined);
}

export async function runBench(partial: Partial<BenchOptions> = {}): Promise<BenchResult> {
  // An option given as undefined (e.g. an unset variable) keeps its default.
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const options: BenchOptions = { ...DEFAULT_OPTIONS, ...given };
  const log = options.log ?? rootLogger.child({ service: 'bench' });
  const started = Date.now();
  const phases: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    phases[name] = Number(((Date.now() - phaseStart) / 1000).toFixed(1));
    phaseStart = Date.now();
  };
  const wanted = new Set(options.topologies);
  const work = mkdtempSync(path.join(tmpdir(), 'campus-bench-'));
  const stops: (() => Promise<void>)[] = [];
  let postgres: BenchPostgres | undefined;
  let redis: LocalRedis | undefined;
  const cleanup = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch((err: unknown) => log.error({ err }, 'bench stop failed'));
    }
    stops.length = 0;
    await redis?.stop();
    redis = undefined;
    await postgres?.stop();
    postgres = undefined;
    rmSync(work, { recursive: true, force: true });
  };
  // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): the first
  // one cleans up, a later one must not exit before that is done.
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) return;
    interrupted = true;
    void cleanup().then(() => process.exit(130));
  };
  process.on('SIGINT', onSigint);

  try {
    postgres = await startBenchPostgres({
      env: process.env,
      dataDir: options.dataDir,
      log,
      adminUrl: options.adminUrl,
    });
    const env = { ...process.env, CAMPUS_DATA_DIR: options.dataDir };
    const dataset = await loadBenchDataset(postgres.adminUrl, {
      scale: options.scale,
      database: options.database,
      log,
      env,
    });
    log.info({ ms: dataset.totalMs, counts: dataset.counts }, 'bench data set loaded');
    phase('postgres and data set');
    const config = await benchConfig(postgres.adminUrl, dataset.database, env);
    if ((wanted.has('A') || wanted.has('H')) && !options.redisUrl) {
      redis = await startLocalRedis();
    }

    const serviceEnv: Env = {
      ...process.env,
      CAMPUS_DATA_DIR: options.dataDir,
      DB_HOST: config.db.host,
      DB_PORT: String(config.db.port),
      DB_NAME: config.db.database,
      NODE_ENV: options.nodeEnv,
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
    delete serviceEnv.REDIS_URL;
    // Tracing off unless the tracing step turns it on, whatever this shell exports (set
    // to undefined, not deleted: launchCluster lays the env over process.env).
    for (const name of Object.keys(process.env).filter((n) => n.startsWith('OTEL_'))) {
      serviceEnv[name] = undefined;
    }
    serviceEnv.OTEL_EXPORTER_OTLP_ENDPOINT = undefined;
    const pg = postgres;
    const setup: ServiceSetup = {
      env: serviceEnv,
      redisUrl: options.redisUrl ?? redis?.url,
      config,
      adminUrl: withDatabase(postgres.adminUrl, dataset.database),
      supergraph: readFileSync(config.supergraphPath, 'utf8'),
      work,
      build: options.build,
      postgresPids: () => pg.pids(),
    };

    // The topologies, in the order asked for; H runs on A's subgraph processes.
    let cluster: SubgraphCluster | undefined;
    if (wanted.has('A') || wanted.has('H')) {
      if (options.build === 'dist') buildDist(options.skipBuild);
      cluster = await startA(setup);
      stops.push(cluster.topology.stop);
    }
    const topologies: Topology[] = [];
    let b: Awaited<ReturnType<typeof startB>> | undefined;
    for (const name of options.topologies) {
      let topology: Topology;
      if (name === 'A' && cluster) topology = cluster.topology;
      else if (name === 'H' && cluster) {
        topology = await startH(setup, cluster.subgraphUrls, cluster.subgraphPids);
        stops.push(topology.stop);
      } else if (name === 'B') {
        topology = b = await startB(setup);
        stops.push(topology.stop);
      } else if (name === 'S') {
        topology = await startS(setup);
        stops.push(topology.stop);
      } else throw new Error(`no topology ${name}`);
      topologies.push(topology);
    }
    log.info({ topologies: topologies.map((t) => [t.name, t.url]) }, 'bench topologies up');
    phase('build and start');

    // Every virtual user its own token, signed with the services' key as auth would.
    const credentials = benchCredentials(options.scale, {
      students: Math.max(10, ...options.connections),
      busySessions: 10,
    });
    // Valid for the whole run: a default 15-minute token would expire mid-run, and the
    // gateway would then answer 401 at once (fast, and wrong, figures).
    const signer = new AccessTokenSigner({ ...config.jwt, accessTokenTtlSeconds: 6 * 3600 });
    const tokens = await Promise.all(
      credentials.students.map(async (s) => {
        const signed = await signer.sign({
          userId: s.id,
          role: 'STUDENT',
          sessionId: crypto.randomUUID(),
        });
        return signed.token;
      }),
    );
    const operations = BENCH_OPERATIONS.filter(
      (o) => !options.operations || options.operations.includes(o.name),
    );
    if (operations.length === 0) throw new Error('no operation to run');

    const equality = await compareAnswers(topologies, operations, tokens[0] ?? '', log);
    phase('same answers');
    if (options.hold) await holdForProfiling(topologies, tokens, log);
    const counts = await countPerRequest({
      factories: probeFactories({ setup, cluster, b, topologies: options.topologies }),
      operations,
      tokens,
      statements: postgres.statements
        ? new StatementCounter(postgres, dataset.database)
        : undefined,
      requests: options.countRequests,
      log,
    });
    phase('counts');
    await prime(topologies, operations, tokens, options.primeSeconds);
    phase('priming');
    const cells = await measureRounds({
      topologies,
      operations,
      tokens,
      connections: options.connections,
      rounds: options.rounds,
      seconds: options.seconds,
      log,
    });
    phase('timed rounds');
    const rss = peakRss(topologies);
    // What tracing costs A, on A clusters of its own. Tracing off is a fresh A too, not the
    // one timed above: a process warm from the whole run beat fresh ones by far more than
    // tracing costs in short runs.
    const tracing = options.tracing
      ? await runTracingStep({
          settings: options.tracing,
          setup,
          skipBuild: options.skipBuild,
          tokens,
          rounds: options.rounds,
          seconds: options.seconds,
          primeSeconds: options.primeSeconds,
          track: (stop) => stops.push(stop),
          log,
        })
      : undefined;
    if (tracing) phase('tracing');
    // The chat fan-out, after timing (it writes messages), on the same processes.
    const fanout = options.fanout
      ? await runFanoutStep(options.fanout, { topologies, config, credentials, tokens, log })
      : undefined;
    if (fanout) phase('fan-out');
    const report = buildReport({
      settings: {
        scale: options.scale,
        seconds: options.seconds,
        rounds: options.rounds,
        connections: options.connections,
        primeSeconds: options.primeSeconds,
        countRequests: options.countRequests,
        nodeEnv: options.nodeEnv,
        build: options.build,
        fanout: options.fanout,
        tracing: options.tracing,
        dataset: dataset.counts,
        totalSeconds: Math.round((Date.now() - started) / 1000),
        phaseSeconds: phases,
      },
      topologies: options.topologies,
      cells,
      equality,
      counts,
      rss,
      tracing,
      fanout,
    });
    let file: string | undefined;
    if (options.resultsDir) {
      mkdirSync(options.resultsDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      file = path.join(options.resultsDir, `${stamp}.md`);
      writeFileSync(
        path.join(options.resultsDir, `${stamp}.json`),
        JSON.stringify(report.json, null, 2),
      );
      writeFileSync(file, report.markdown);
    }
    if (options.print) console.log(report.markdown);
    return { report, file };
  } finally {
    process.removeListener('SIGINT', onSigint);
    await cleanup();
  }
}
