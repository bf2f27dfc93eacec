import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from '../subgraphs/shared/config';
import { SUBGRAPH_NAMES, envPrefix, type SubgraphName } from '../subgraphs/shared/topology';

/**
 * Every service as its own process, as a deployment on several machines runs them: the
 * five subgraphs, a second support instance, and two gateways, each routing support to its
 * own instance. `npm run start:cluster` runs it on the contract's ports; tests on free ones.
 */
export interface ClusterPorts {
  subgraphs: Record<SubgraphName, number>;
  secondSupport: number;
  gateways: [number, number];
}

export interface RunningCluster {
  gatewayUrls: [string, string];
  /** The processes by label (auth, users, …, support-2, gateway, gateway-2). */
  processes: ReadonlyMap<string, ChildProcess>;
  stop(): Promise<void>;
}

/**
 * What each process runs: `source`, the TypeScript (node with tsx as a loader, not tsx's
 * CLI: the CLI is a wrapper process, and a signal or SIGKILL sent to it would not reach the
 * service); `dist`, the JavaScript of `npm run build` with plain node, as production runs.
 */
export type ClusterBuild = 'source' | 'dist';

/** The node arguments that start one entry (`gateway/main`, `subgraphs/auth/main`…). */
export function entryCommand(entry: string, build: ClusterBuild, root = REPO_ROOT): string[] {
  return build === 'dist'
    ? [path.join(root, 'dist', `${entry}.js`)]
    : ['--import', 'tsx', path.join(root, `${entry}.ts`)];
}

const local = (port: number) => `http://localhost:${port}`;

/** Resolves once `url` answers 2xx; throws if the child exits first or after two minutes. */
export async function waitForHealth(
  url: string,
  child: ChildProcess,
  label: string,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${label} did not become healthy`);
}

export async function launchCluster(options: {
  /** DATABASE_URL or DB_*, REDIS_URL, CAMPUS_DATA_DIR, NODE_ENV… */
  env: Record<string, string>;
  ports: ClusterPorts;
  seed: boolean;
  /** `dist` runs the output of `npm run build` (build it first); default `source`. */
  build?: ClusterBuild;
  /** Each line a process writes, with its label; default: dropped. */
  onLine?: (label: string, line: string) => void;
  /** Called when a process exits while the cluster is not stopping. */
  onExit?: (label: string, code: number | null) => void;
}): Promise<RunningCluster> {
  const { ports } = options;
  const build = options.build ?? 'source';
  if (build === 'dist' && !existsSync(path.join(REPO_ROOT, 'dist', 'gateway', 'main.js'))) {
    throw new Error('launchCluster({ build: "dist" }) needs `npm run build` first');
  }
  const routes = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      `${envPrefix(name)}_SUBGRAPH_URL`,
      `${local(ports.subgraphs[name])}/graphql`,
    ]),
  );
  const subgraphPorts = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_PORT`, String(ports.subgraphs[name])]),
  );
  const base = { ...options.env, ...subgraphPorts };
  const instances = [
    ...SUBGRAPH_NAMES.map((name) => ({
      label: name,
      entry: `subgraphs/${name}/main`,
      env: { ...base, SEED_DEMO_DATA: String(options.seed) },
      port: ports.subgraphs[name],
    })),
    {
      label: 'support-2',
      entry: 'subgraphs/support/main',
      env: { ...base, SUPPORT_PORT: String(ports.secondSupport), SEED_DEMO_DATA: 'false' },
      port: ports.secondSupport,
    },
    {
      label: 'gateway',
      entry: 'gateway/main',
      env: { ...base, ...routes, GATEWAY_PORT: String(ports.gateways[0]) },
      port: ports.gateways[0],
    },
    {
      label: 'gateway-2',
      entry: 'gateway/main',
      env: {
        ...base,
        ...routes,
        GATEWAY_PORT: String(ports.gateways[1]),
        SUPPORT_SUBGRAPH_URL: `${local(ports.secondSupport)}/graphql`,
      },
      port: ports.gateways[1],
    },
  ];

  // One METRICS_PORT cannot serve several processes of one machine: the first gets it,
  // each next one the port after (printed in its log line).
  const metricsBase = Number(options.env.METRICS_PORT ?? process.env.METRICS_PORT ?? 0);
  if (metricsBase > 0) {
    instances.forEach((instance, i) => {
      (instance.env as Record<string, string>).METRICS_PORT = String(metricsBase + i);
    });
  }

  const processes = new Map<string, ChildProcess>();
  let stopping = false;
  const stop = async () => {
    stopping = true;
    // Gateways first (they drain), then the subgraphs.
    for (const child of [...processes.values()].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => resolve(clearTimeout(timer)));
        child.kill('SIGTERM');
      });
    }
  };
  try {
    // One at a time, in topology order: each seed builds on what earlier ones' events
    // delivered (as npm start does).
    for (const instance of instances) {
      const child = spawn(process.execPath, entryCommand(instance.entry, build), {
        cwd: REPO_ROOT,
        env: { ...process.env, ...instance.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      processes.set(instance.label, child);
      for (const stream of [child.stdout, child.stderr]) {
        if (!stream) continue;
        readline
          .createInterface({ input: stream })
          .on('line', (line) => options.onLine?.(instance.label, line));
      }
      child.once('exit', (code) => {
        if (!stopping) options.onExit?.(instance.label, code);
      });
      await waitForHealth(`${local(instance.port)}/health`, child, instance.label);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrls: [`${local(ports.gateways[0])}/graphql`, `${local(ports.gateways[1])}/graphql`],
    processes,
    stop,
  };
}
