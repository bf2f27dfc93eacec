import type { Cell } from './measure';
import type { TracingSettings } from './options';
import { median } from './report';
import type { TopologyLabel } from './topologies';

/** The tracing step's figures (tracing-step.ts) as a markdown table and JSON. */

/** One traced (or untraced) A cluster of the step. */
export interface TracedTopology {
  label: TopologyLabel;
  /** OTEL_TRACES_SAMPLER_ARG; null: tracing off (no OTLP endpoint, no SDK). */
  ratio: number | null;
}

export interface TracingRow {
  operation: string;
  connections: number;
  topology: TopologyLabel;
  ratio: number | null;
  /** Median req/s over the rounds, and its spread. */
  rps: number;
  min: number;
  max: number;
  p50: number;
  p99: number;
  errors: number;
  /** Median CPU ms per request by process role, and their sum. */
  cpuMsPerRequest: Record<string, number>;
  cpuMsTotal: number;
  /** This row's median req/s and CPU per request over tracing off's. */
  rpsVsOff: number | null;
  cpuVsOff: number | null;
  /** Requests completed over all rounds. */
  requests: number;
  /** What the OTLP sink received over those rounds (each run and its flush wait). */
  spans: number;
  spansPerRequest: number;
  otlpBytesPerRequest: number;
  /** The sink process's own CPU per request (a stand-in collector; not in cpuMsTotal). */
  sinkCpuMsPerRequest: number;
}

export interface TracingSection {
  settings: TracingSettings & { rounds: number; seconds: number };
  topologies: TracedTopology[];
  /** Whether A with tracing off was started by the step (A was not among the topologies). */
  ownBaseline: boolean;
  /** Per operation: every cluster gave the same answer. */
  equality: Record<string, boolean>;
  rows: TracingRow[];
  cells: Cell[];
  /** The sink's totals over the whole step. */
  sink: {
    requests: number;
    spans: number;
    bytes: number;
    protobufRequests: number;
    rejected: number;
  };
  /** Set when the step failed; the rest may be empty. */
  error?: string;
}

const round2 = (value: number) => Number(value.toFixed(2));
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

export function summarizeTracing(
  cells: readonly Cell[],
  topologies: readonly TracedTopology[],
): TracingRow[] {
  const rows: TracingRow[] = [];
  const keys = [...new Set(cells.map((c) => `${c.operation}|${c.connections}`))];
  for (const key of keys) {
    const group = cells.filter((c) => `${c.operation}|${c.connections}` === key);
    const summaries = topologies.flatMap((t): TracingRow[] => {
      const cell = group.find((c) => c.topology === t.label);
      if (!cell || cell.rounds.length === 0) return [];
      const rps = cell.rounds.map((r) => r.requestsPerSecond);
      const roles = Object.keys(cell.rounds[0]?.cpuMsPerRequest ?? {});
      const cpuMsPerRequest = Object.fromEntries(
        roles.map((role) => [role, median(cell.rounds.map((r) => r.cpuMsPerRequest[role] ?? 0))]),
      );
      const requests = sum(cell.rounds.map((r) => r.requests));
      const counted = (name: string) => sum(cell.rounds.map((r) => r.counted?.[name] ?? 0));
      const per = (value: number) => round2(value / Math.max(1, requests));
      return [
        {
          operation: cell.operation,
          connections: cell.connections,
          topology: t.label,
          ratio: t.ratio,
          rps: median(rps),
          min: Math.min(...rps),
          max: Math.max(...rps),
          p50: median(cell.rounds.map((r) => r.p50)),
          p99: median(cell.rounds.map((r) => r.p99)),
          errors: sum(cell.rounds.map((r) => r.errors + r.non2xx)),
          cpuMsPerRequest,
          cpuMsTotal: round2(sum(Object.values(cpuMsPerRequest))),
          rpsVsOff: null,
          cpuVsOff: null,
          requests,
          spans: counted('spans'),
          spansPerRequest: per(counted('spans')),
          otlpBytesPerRequest: Math.round(counted('bytes') / Math.max(1, requests)),
          sinkCpuMsPerRequest: per(counted('sinkCpuMs')),
        },
      ];
    });
    const off = summaries.find((s) => s.ratio === null);
    for (const s of summaries) {
      if (off && off.rps > 0) s.rpsVsOff = round2(s.rps / off.rps);
      if (off && off.cpuMsTotal > 0) s.cpuVsOff = round2(s.cpuMsTotal / off.cpuMsTotal);
    }
    rows.push(...summaries);
  }
  return rows;
}

const rate = (value: number): string => value.toFixed(value < 10 ? 1 : 0);
const percent = (ratio: number | null) =>
  ratio === null ? 'off' : `${Number((ratio * 100).toPrecision(6))} %`;

export function formatTracing(section: TracingSection): string {
  const s = section.settings;
  const lines = [
    `A (gateway and subgraphs as processes, ${section.ownBaseline ? 'started for this step' : 'the same processes as above'}) ` +
      'with tracing off (no OTLP endpoint: no SDK), against one more A cluster per sampling ratio ' +
      '(OTEL_TRACES_SAMPLER_ARG), each with its own Redis, every service exporting OTLP/HTTP JSON ' +
      '(a batch once 512 spans wait, or 5 s after the first) to a local sink process that counts and discards. ' +
      `Interleaved: ${s.rounds} round(s) of ${s.seconds} s per cluster; req/s is the median (spread min–max), ` +
      'CPU by process role from /proc as above. Spans per request: what the sink received during ' +
      'a run and the wait after it for the last batch (5.5 s, then quiet; CPU is sampled before ' +
      'that wait) ÷ requests completed. It falls below a whole trace × ratio when an exporter’s ' +
      'queue (2 048 spans per process by default) overflows. The sink’s own CPU is in the JSON, not here.',
    '',
    '| operation | conn | tracing | req/s | vs off | p50 / p99 (ms) | errors | CPU ms per request | CPU vs off | spans per request | OTLP KiB per request |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of section.rows) {
    const roles = Object.entries(r.cpuMsPerRequest)
      .map(([role, v]) => `${role} ${v.toFixed(1)}`)
      .join(', ');
    lines.push(
      `| ${r.operation} | ${r.connections} | ${percent(r.ratio)} | ${rate(r.rps)} (${rate(r.min)}–${rate(r.max)}) | ` +
        `${r.rpsVsOff?.toFixed(2) ?? ''} | ${r.p50} / ${r.p99} | ${r.errors} | ${r.cpuMsTotal.toFixed(1)} (${roles}) | ` +
        `${r.cpuVsOff?.toFixed(2) ?? ''} | ${r.spansPerRequest} | ${(r.otlpBytesPerRequest / 1024).toFixed(2)} |`,
    );
  }
  const sameAnswers = Object.entries(section.equality).filter(([, same]) => !same);
  if (sameAnswers.length > 0) {
    lines.push(
      '',
      `Answers differ between the clusters for: ${sameAnswers.map(([o]) => o).join(', ')}.`,
    );
  }
  if (section.sink.protobufRequests > 0) {
    lines.push(
      '',
      `${section.sink.protobufRequests} export(s) arrived as protobuf: counted in bytes, their spans not.`,
    );
  }
  if (section.sink.rejected > 0) {
    lines.push(
      '',
      `The sink refused ${section.sink.rejected} export(s) (too large or unreadable).`,
    );
  }
  if (section.error) lines.push('', `The tracing step failed: ${section.error}`);
  return `${lines.join('\n')}\n`;
}
