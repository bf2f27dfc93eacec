import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * A stand-in OTLP/HTTP trace collector for the benchmark's tracing step: it accepts
 * `POST …/v1/traces`, answers 200 at once as a collector would, counts requests, bytes and
 * spans, and keeps nothing. JSON bodies (what @opentelemetry/exporter-trace-otlp-http
 * sends) are parsed to count their spans; a protobuf body is counted in requests and bytes
 * only (`protobufRequests` says how many), since decoding it would need the proto schema.
 * `GET /counts` answers the counts as JSON, for a harness running the sink as a process.
 */
export interface OtlpCounts {
  /** Export requests accepted (JSON and protobuf). */
  requests: number;
  /** Body bytes as received (compressed, when the exporter gzips). */
  bytes: number;
  /** Spans in the JSON requests. */
  spans: number;
  /** Requests whose body was protobuf: counted, spans not. */
  protobufRequests: number;
  /** Requests refused: too large, unreadable, or not an export. */
  rejected: number;
  /** Exports being received right now. */
  inFlight: number;
  /** Milliseconds since the last export arrived (null: none yet). */
  msSinceLastRequest: number | null;
}

export interface OtlpSink {
  /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT (exports go to `<url>/v1/traces`). */
  url: string;
  counts(): OtlpCounts;
  close(): Promise<void>;
}

/** Default body limit: a default batch (512 spans) is well under 1 MiB of JSON. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

interface ExportRequest {
  resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[];
}

/** Spans in an OTLP JSON ExportTraceServiceRequest. */
export function countSpans(body: ExportRequest): number {
  let spans = 0;
  for (const resource of body.resourceSpans ?? []) {
    for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0;
  }
  return spans;
}

/** The body, or null once it passes `limit` (the rest is drained, not kept). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : null));
    request.on('error', reject);
  });
}

export async function startOtlpSink(
  options: { port?: number; host?: string; maxBodyBytes?: number } = {},
): Promise<OtlpSink> {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const totals = { requests: 0, bytes: 0, spans: 0, protobufRequests: 0, rejected: 0 };
  let inFlight = 0;
  let lastRequestAt: number | undefined;

  const counts = (): OtlpCounts => ({
    ...totals,
    inFlight,
    msSinceLastRequest: lastRequestAt === undefined ? null : Date.now() - lastRequestAt,
  });
  const answer = (response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };

  const receive = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request, limit);
    lastRequestAt = Date.now();
    if (raw === null) {
      totals.rejected += 1;
      return answer(response, 413, 'text/plain', 'too large');
    }
    const type = request.headers['content-type'] ?? '';
    const protobuf = type.includes('protobuf');
    let spans = 0;
    if (!protobuf) {
      try {
        const text = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        spans = countSpans(JSON.parse(text.toString('utf8')) as ExportRequest);
      } catch {
        totals.rejected += 1;
        return answer(response, 400, 'text/plain', 'not OTLP JSON');
      }
    }
    totals.requests += 1;
    totals.bytes += raw.length;
    totals.spans += spans;
    if (protobuf) totals.protobufRequests += 1;
    // An empty ExportTraceServiceResponse: nothing rejected.
    if (protobuf) answer(response, 200, 'application/x-protobuf', '');
    else answer(response, 200, 'application/json', '{}');
  };

  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (request.method === 'POST' && path.endsWith('/v1/traces')) {
      inFlight += 1;
      receive(request, response)
        .catch(() => {
          totals.rejected += 1;
          if (!response.headersSent) answer(response, 500, 'text/plain', 'failed');
        })
        .finally(() => (inFlight -= 1));
      return;
    }
    if (request.method === 'GET' && path === '/counts') {
      return answer(response, 200, 'application/json', JSON.stringify(counts()));
    }
    request.resume();
    answer(response, 404, 'text/plain', 'not found');
  });
  // Exporters keep connections alive between batches.
  server.keepAliveTimeout = 30_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
