import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../subgraphs/shared/config';
import type { CountTable } from './counts';
import type { Cell } from './measure';
import type { TopologyName } from './topologies';

/** The benchmark's report: a markdown table for people and JSON for tools. */

export interface ReportInput {
  settings: Record<string, unknown>;
  topologies: readonly TopologyName[];
  cells: Cell[];
  equality: Record<string, boolean>;
  counts: CountTable;
  rss: Record<string, Record<string, number>>;
  /** The optional fan-out step's own section (see runBench's `fanout`). */
  fanout?: { markdown: string; json: unknown };
  /** The optional tracing step's own section (tracing-step.ts). */
  tracing?: { markdown: string; json: unknown };
}

export interface Row {
  operation: string;
  connections: number;
  /** Median req/s, p50, p99 (ms), errors over all rounds, spread of req/s per topology. */
  byTopology: Partial<
    Record<
      TopologyName,
      {
        rps: number;
        min: number;
        max: number;
        p50: number;
        p99: number;
        errors: number;
        cpuMsPerRequest: Record<string, number>;
      }
    >
  >;
  ratios: Record<string, number>;
  sameAnswers: boolean;
}

export interface BenchReport {
  markdown: string;
  json: {
    date: string;
    environment: ReturnType<typeof environment>;
    settings: Record<string, unknown>;
    topologies: readonly TopologyName[];
    equality: Record<string, boolean>;
    rows: Row[];
    counts: CountTable;
    peakRssKiB: Record<string, Record<string, number>>;
    cells: Cell[];
    fanout?: unknown;
    tracing?: unknown;
  };
}

export const RATIOS: [TopologyName, TopologyName][] = [
  ['A', 'H'],
  ['A', 'B'],
  ['S', 'H'],
];

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

const PACKAGES = ['@apollo/gateway', '@apollo/server', '@graphql-hive/gateway', 'graphql'];

function versionOf(name: string): string {
  try {
    const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

export function environment() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)])),
  };
}

function summarizeRow(
  key: string,
  cells: Cell[],
  topologies: readonly TopologyName[],
  equality: Record<string, boolean>,
): Row {
  const [operation = '', connections = '0'] = key.split('|');
  const byTopology: Row['byTopology'] = {};
  for (const t of topologies) {
    const cell = cells.find(
      (c) => c.operation === operation && String(c.connections) === connections && c.topology === t,
    );
    if (!cell || cell.rounds.length === 0) continue;
    const rps = cell.rounds.map((r) => r.requestsPerSecond);
    const roles = Object.keys(cell.rounds[0]?.cpuMsPerRequest ?? {});
    byTopology[t] = {
      rps: median(rps),
      min: Math.min(...rps),
      max: Math.max(...rps),
      p50: median(cell.rounds.map((r) => r.p50)),
      p99: median(cell.rounds.map((r) => r.p99)),
      errors: cell.rounds.reduce((s, r) => s + r.errors + r.non2xx, 0),
      cpuMsPerRequest: Object.fromEntries(
        roles.map((role) => [role, median(cell.rounds.map((r) => r.cpuMsPerRequest[role] ?? 0))]),
      ),
    };
  }
  const ratios: Record<string, number> = {};
  for (const [x, y] of RATIOS) {
    const [a, b] = [byTopology[x], byTopology[y]];
    if (a && b) ratios[`${x}/${y}`] = Number((a.rps / Math.max(1e-9, b.rps)).toFixed(2));
  }
  return {
    operation,
    connections: Number(connections),
    byTopology,
    ratios,
    sameAnswers: equality[operation] ?? false,
  };
}

/** req/s: whole numbers, one decimal below 10 (a slow operation at a short run). */
const rate = (value: number): string => value.toFixed(value < 10 ? 1 : 0);

const table = (header: string[], rows: string[][]): string[] => [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

export function buildReport(input: ReportInput): BenchReport {
  const { topologies, cells, equality, counts } = input;
  const date = new Date().toISOString();
  const env = environment();
  const keys = [...new Set(cells.map((c) => `${c.operation}|${c.connections}`))];
  const rows = keys.map((key) => summarizeRow(key, cells, topologies, equality));
  const ratioNames = RATIOS.filter(([x, y]) => topologies.includes(x) && topologies.includes(y));
  const ts = topologies.join(' / ');
  const s = input.settings;

  const lines = [
    `Campus benchmark, ${date}: ${env.cores} cores (${env.cpu}), Node ${env.node}, ` +
      Object.entries(env.packages)
        .map(([n, v]) => `${n} ${v}`)
        .join(', ') +
      '.',
    `Scale ${String(s.scale)}, ${String(s.rounds)} interleaved round(s) of ${String(s.seconds)} s ` +
      `per topology, NODE_ENV ${String(s.nodeEnv)}; req/s is the median (spread min–max). ` +
      'A: gateway and subgraphs as processes (build), H: Hive Gateway on the same subgraphs, ' +
      'B: gateway and subgraph schemas in one process, S: `npm start` as shipped.',
    '',
    '### Throughput and latency',
    '',
    ...table(
      [
        'operation',
        'conn',
        ...topologies.map((t) => `${t} req/s`),
        ...ratioNames.map(([x, y]) => `${x}/${y}`),
        `p50 ${ts} (ms)`,
        `p99 ${ts} (ms)`,
        `errors ${ts}`,
        'same answers',
      ],
      rows.map((r) => {
        const of = (t: TopologyName) => r.byTopology[t];
        return [
          r.operation,
          String(r.connections),
          ...topologies.map((t) => {
            const v = of(t);
            return v ? `${rate(v.rps)} (${rate(v.min)}–${rate(v.max)})` : '';
          }),
          ...ratioNames.map(([x, y]) => (r.ratios[`${x}/${y}`] ?? 0).toFixed(2)),
          topologies.map((t) => of(t)?.p50 ?? '').join(' / '),
          topologies.map((t) => of(t)?.p99 ?? '').join(' / '),
          topologies.map((t) => of(t)?.errors ?? '').join(' / '),
          r.sameAnswers ? 'yes' : 'NO',
        ];
      }),
    ),
    '',
    '### CPU ms per request, by process role (median)',
    '',
    ...table(
      ['operation', 'conn', ...topologies],
      rows.map((r) => [
        r.operation,
        String(r.connections),
        ...topologies.map((t) => {
          const cpu = r.byTopology[t]?.cpuMsPerRequest ?? {};
          const total = Object.values(cpu).reduce((sum, v) => sum + v, 0);
          const parts = Object.entries(cpu).map(([role, v]) => `${role} ${v.toFixed(1)}`);
          return parts.length ? `${total.toFixed(1)} (${parts.join(', ')})` : '';
        }),
      ]),
    ),
    '',
    '### Work per request (counted before timing, requests one at a time)',
    '',
    ...table(
      [
        'operation',
        ...topologies.map((t) => `SQL ${t}`),
        ...topologies.map((t) => `subgraph calls ${t}`),
      ],
      Object.entries(counts).map(([operation, byTopology]) => [
        operation,
        ...topologies.map((t) => {
          const sql = byTopology[t]?.sql;
          return sql === undefined ? '' : sql === null ? 'n/a' : String(sql);
        }),
        ...topologies.map((t) => String(byTopology[t]?.subgraphCalls ?? '')),
      ]),
    ),
    '',
    'SQL: statements in the bench database (pg_stat_statements; outbox polling left out). ' +
      "Subgraph calls: HTTP requests reaching the subgraphs (B: in-process calls; S: its gateway's HTTP calls to its own subgraphs).",
    '',
    '### Memory (MiB): peak RSS per process, summed; PostgreSQL: private summed, shared once',
    '',
    ...table(
      ['topology', 'by process role'],
      Object.entries(input.rss).map(([t, roles]) => [
        t,
        Object.entries(roles)
          .map(([role, kib]) => `${role} ${(kib / 1024).toFixed(0)}`)
          .join(', '),
      ]),
    ),
  ];
  if (input.tracing) lines.push('', '### Tracing cost', '', input.tracing.markdown.trim());
  if (input.fanout) lines.push('', '### Chat fan-out', '', input.fanout.markdown.trim());
  return {
    markdown: `${lines.join('\n')}\n`,
    json: {
      date,
      environment: env,
      settings: input.settings,
      topologies,
      equality,
      rows,
      counts,
      peakRssKiB: input.rss,
      cells,
      ...(input.tracing ? { tracing: input.tracing.json } : {}),
      ...(input.fanout ? { fanout: input.fanout.json } : {}),
    },
  };
}
