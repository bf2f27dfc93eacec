import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import pino from 'pino';
import {
  GatewayMeDocument,
  LogInDocument,
  RefreshTokenDocument,
  SignUpDocument,
} from '../clients/generated/graphql';
import {
  startInProcessSupergraph,
  type InProcessSupergraph,
} from '../scripts/in-process-supergraph';
import { startTracing } from '../subgraphs/shared/observability/tracing';
import { eventually, testConfig } from './helpers';
import { postTraced } from './traced-requests';

/**
 * Tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT): no SDK, yet every answer names its trace
 * and every service logs that id, the caller's when it sent a `traceparent`.
 */
describe('trace ids without tracing', () => {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'info', base: undefined },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  let supergraph: InProcessSupergraph;

  beforeAll(async () => {
    const config = await testConfig();
    expect(config.observability.otlpEndpoint).toBeUndefined();
    expect(startTracing({ serviceName: 'campus', config: config.observability, log }).enabled).toBe(
      false,
    );
    supergraph = await startInProcessSupergraph(config, log);
  });
  afterAll(async () => supergraph?.stop());

  it('registers no tracing SDK', () => {
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('answers with a new trace id, or the one of a valid incoming traceparent', async () => {
    const first = await postTraced(supergraph.gatewayUrl, GatewayMeDocument);
    const second = await postTraced(supergraph.gatewayUrl, GatewayMeDocument);
    expect(first.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.traceId).not.toBe(first.traceId);

    const traceId = randomUUID().replaceAll('-', '');
    const continued = await postTraced(supergraph.gatewayUrl, GatewayMeDocument, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(continued.traceId).toBe(traceId);

    const malformed = await postTraced(supergraph.gatewayUrl, GatewayMeDocument, {
      headers: { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` },
    });
    expect(malformed.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(malformed.traceId).not.toBe('0'.repeat(32));
  });

  it("carries the gateway's trace id into a subgraph's log lines", async () => {
    const email = `trace-off-${randomUUID()}@campus.test`;
    const password = `pw-${randomUUID()}`;
    const signUp = await postTraced(supergraph.gatewayUrl, SignUpDocument, {
      variables: { input: { email, password, firstName: 'Off', lastName: 'Trace' } },
    });
    expect(signUp.errors).toBeUndefined();
    const logIn = await postTraced<{ logIn: { refreshToken: string } }>(
      supergraph.gatewayUrl,
      LogInDocument,
      { variables: { email, password } },
    );
    const refreshToken = logIn.data?.logIn.refreshToken ?? '';
    const rotated = await postTraced(supergraph.gatewayUrl, RefreshTokenDocument, {
      variables: { refreshToken },
    });
    expect(rotated.errors).toBeUndefined();

    // Reusing the rotated token: the auth subgraph logs a warning from within the request.
    const traceId = randomUUID().replaceAll('-', '');
    const reused = await postTraced(supergraph.gatewayUrl, RefreshTokenDocument, {
      variables: { refreshToken },
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(reused.traceId).toBe(traceId);
    const warning = await eventually(async () =>
      Promise.resolve(
        lines.find((line) => line.msg === 'rotated refresh token reused; session revoked') ?? null,
      ),
    );
    expect(warning.traceId).toBe(traceId);
    // Nothing else of that request logs under another trace id.
    const other = lines.filter((l) => l.traceId !== undefined && l.traceId !== traceId);
    expect(other.filter((l) => l.msg === warning.msg)).toEqual([]);
  });
});
