import type { Cell, Round } from './measure';
import { formatTracing, summarizeTracing, type TracingSection } from './tracing-report';

const run = (rps: number, cpu: number, counted?: Round['counted']): Round => ({
  requestsPerSecond: rps,
  p50: 10,
  p99: 40,
  errors: 0,
  non2xx: 0,
  requests: rps * 2,
  cpuMsPerRequest: { gateway: cpu, subgraphs: cpu, postgres: 0.5 },
  ...(counted ? { counted } : {}),
});

const cells: Cell[] = [
  {
    operation: 'me',
    connections: 10,
    topology: 'A',
    rounds: [run(100, 1, { spans: 0, bytes: 0, sinkCpuMs: 0 }), run(110, 1)],
  },
  {
    operation: 'me',
    connections: 10,
    topology: 'A·trace100',
    rounds: [
      run(80, 1.5, { spans: 1_600, bytes: 204_800, sinkCpuMs: 40 }),
      run(90, 1.5, { spans: 1_800, bytes: 230_400, sinkCpuMs: 45 }),
    ],
  },
];
const topologies = [
  { label: 'A' as const, ratio: null },
  { label: 'A·trace100' as const, ratio: 1 },
];

describe('tracing cost figures', () => {
  const rows = summarizeTracing(cells, topologies);

  it('charges each topology with the spans its own runs caused, per request completed', () => {
    const [off, full] = rows;
    expect(off).toMatchObject({ topology: 'A', ratio: null, spans: 0, spansPerRequest: 0 });
    // 3 400 spans over 160 + 180 requests; 435 200 bytes.
    expect(full).toMatchObject({ spans: 3_400, spansPerRequest: 10, otlpBytesPerRequest: 1_280 });
    expect(full?.sinkCpuMsPerRequest).toBe(0.25);
  });

  it('compares req/s and CPU per request with tracing off (medians over the rounds)', () => {
    const [off, full] = rows;
    expect(off).toMatchObject({ rps: 100, min: 100, max: 110, rpsVsOff: 1, cpuVsOff: 1 });
    expect(off?.cpuMsTotal).toBe(2.5);
    expect(full).toMatchObject({ rps: 80, cpuMsTotal: 3.5, rpsVsOff: 0.8, cpuVsOff: 1.4 });
  });

  it('writes a row per topology, tracing off first', () => {
    const section: TracingSection = {
      settings: { ratios: [1], operations: ['me'], connections: [10], rounds: 2, seconds: 1 },
      topologies,
      ownBaseline: false,
      equality: { me: true },
      rows,
      cells,
      sink: { requests: 4, spans: 3_400, bytes: 435_200, protobufRequests: 0, rejected: 0 },
    };
    const markdown = formatTracing(section);
    expect(markdown).toContain(
      '| me | 10 | off | 100 (100–110) | 1.00 | 10 / 40 | 0 | 2.5 (gateway 1.0, subgraphs 1.0, postgres 0.5) | 1.00 | 0 | 0.00 |',
    );
    expect(markdown).toContain('| me | 10 | 100 % | 80 (80–90) | 0.80 |');
    expect(markdown).toContain('| 1.40 | 10 | 1.25 |');
    expect(markdown).not.toContain('protobuf');
  });
});
