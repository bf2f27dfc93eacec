import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../../subgraphs/shared/config';
import { startOtlpSink, type OtlpSink } from './otlp-sink';

/** An OTLP JSON export of `perScope` spans in each of two scopes of one resource. */
const exportOf = (perScope: number) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'campus-test' } }] },
      scopeSpans: [0, 1].map((scope) => ({
        scope: { name: `scope-${scope}` },
        spans: Array.from({ length: perScope }, (_, i) => ({
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: `b7ad6b71692033${String(scope)}${String(i).padStart(2, '0')}`,
          name: 'gateway.fetch',
        })),
      })),
    },
  ],
});

let sink: OtlpSink;

beforeEach(async () => {
  sink = await startOtlpSink({ maxBodyBytes: 64 * 1024 });
});
afterEach(() => sink.close());

const post = (body: string | Uint8Array, headers: Record<string, string>, path = '/v1/traces') =>
  fetch(`${sink.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

describe('OTLP sink', () => {
  it('answers 200 {} to a JSON export and counts its request, bytes and spans', async () => {
    expect(sink.counts()).toMatchObject({ requests: 0, bytes: 0, spans: 0, inFlight: 0 });
    const body = JSON.stringify(exportOf(3));
    const response = await post(body, { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    await post(JSON.stringify(exportOf(1)), { 'content-type': 'application/json' });

    const counts = sink.counts();
    expect(counts).toMatchObject({ requests: 2, spans: 8, protobufRequests: 0, rejected: 0 });
    expect(counts.bytes).toBe(Buffer.byteLength(body) + JSON.stringify(exportOf(1)).length);
    expect(counts.msSinceLastRequest).toBeGreaterThanOrEqual(0);
    // The counts over HTTP, as the harness reads them from the sink's process.
    const remote = (await (await fetch(`${sink.url}/counts`)).json()) as { spans: number };
    expect(remote.spans).toBe(8);
  });

  it("counts what the services' exporter sends (OTLP/HTTP JSON, batched)", async () => {
    // In a node process of its own: the exporter's lazy imports do not run under jest's vm.
    const script = `
      const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
      const { BatchSpanProcessor, TracerProvider } = require('@opentelemetry/sdk-trace');
      const exporter = new OTLPTraceExporter({ url: process.env.SINK + '/v1/traces' });
      const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter })] });
      const tracer = provider.getTracer('bench-test');
      for (let i = 0; i < 5; i += 1) tracer.startSpan('span ' + i).end();
      provider.shutdown().then(() => process.exit(0), () => process.exit(1));`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, SINK: sink.url },
      stdio: 'inherit',
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(sink.counts()).toMatchObject({
      requests: 1,
      spans: 5,
      protobufRequests: 0,
      rejected: 0,
    });
  });

  it('reads gzip bodies (OTEL_EXPORTER_OTLP_COMPRESSION=gzip), counting bytes as sent', async () => {
    const zipped = gzipSync(JSON.stringify(exportOf(2)));
    const response = await post(zipped, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(sink.counts()).toMatchObject({ requests: 1, spans: 4, bytes: zipped.length });
  });

  it('counts protobuf exports in requests and bytes only, and says so', async () => {
    const response = await post(Buffer.from([0x0a, 0x02, 0x0a, 0x00]), {
      'content-type': 'application/x-protobuf',
    });
    expect(response.status).toBe(200);
    expect(sink.counts()).toMatchObject({ requests: 1, bytes: 4, spans: 0, protobufRequests: 1 });
  });

  it('refuses what is not an export: too large, not JSON, another path', async () => {
    const big = JSON.stringify(exportOf(600));
    expect((await post(big, { 'content-type': 'application/json' })).status).toBe(413);
    expect((await post('{', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post('{}', { 'content-type': 'application/json' }, '/v1/logs')).status).toBe(404);
    expect(sink.counts()).toMatchObject({ requests: 0, spans: 0, rejected: 2 });
  });
});
