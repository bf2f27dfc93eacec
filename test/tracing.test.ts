import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { print } from 'graphql';
import {
  GatewayStudentDashboardDocument,
  LogInDocument,
  SignUpDocument,
  TestOpenSupportSessionDocument,
} from '../clients/generated/graphql';
import { sha256Hex } from '../gateway/persisted-documents';
import { DEMO_PASSWORD } from '../subgraphs/shared/demo/catalog';
import { REPO_ROOT } from '../subgraphs/shared/config';
import { startTracing, type Tracing } from '../subgraphs/shared/observability/tracing';
import { eventually, testConfig, testLog } from './helpers';
import { startSupergraph, type RunningSupergraph } from './supergraph';
import { postTraced } from './traced-requests';
import { renderTraceTree } from './trace-tree';

/**
 * Tracing on (an in-memory exporter, every span exported as it ends): one client request
 * is one trace, from the gateway's request span through @apollo/gateway's fetches, the
 * calls to the subgraphs over real HTTP, their operations, DataLoader batches and SQL.
 */
const exporter = new InMemorySpanExporter();

const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const spansOf = (traceId: string) =>
  exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);

/** The trace's spans once its root (the gateway's request span) has ended. */
async function finishedTrace(traceId: string): Promise<ReadableSpan[]> {
  await eventually(async () =>
    spansOf(traceId).some((s) => s.kind === SpanKind.SERVER && s.name === 'POST /graphql')
      ? true
      : null,
  );
  // Subgraph spans end right after their answer is written; give them that moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return spansOf(traceId);
}

describe('tracing', () => {
  let tracing: Tracing;
  let supergraph: RunningSupergraph;
  const password = `pw-${randomUUID()}`;
  const email = `tracing-${randomUUID()}@campus.test`;
  const subject = `subject-${randomUUID()}`;
  const message = `message-${randomUUID()}`;
  const [firstName, lastName] = ['Zebulon', 'Quillfeather'];
  /** A demo student's: their dashboard reaches every subgraph (enrollments, bookings…). */
  let token = '';
  /** The new student's, who wrote to support. */
  let newToken = '';

  const logIn = async (address: string, secret: string): Promise<string> => {
    const answer = await postTraced<{ logIn: { accessToken: string } }>(
      supergraph.gatewayUrl,
      LogInDocument,
      { variables: { email: address, password: secret } },
    );
    return answer.data?.logIn.accessToken ?? '';
  };

  beforeAll(async () => {
    const config = await testConfig();
    // Before anything uses pg: its statements are traced from the first one.
    tracing = startTracing({
      serviceName: 'campus',
      config: config.observability,
      exporter,
      log: testLog,
    });
    supergraph = await startSupergraph();
    const signUp = await postTraced(supergraph.gatewayUrl, SignUpDocument, {
      variables: { input: { email, password, firstName, lastName } },
    });
    expect(signUp.errors).toBeUndefined();
    newToken = await logIn(email, password);
    token = await logIn('student1@campus.test', DEMO_PASSWORD);
    expect([newToken, token]).not.toContain('');
    const opened = await postTraced(supergraph.gatewayUrl, TestOpenSupportSessionDocument, {
      token: newToken,
      variables: { subject, message },
    });
    expect(opened.errors).toBeUndefined();
  });
  afterAll(async () => {
    await supergraph?.stop();
    await tracing?.shutdown();
  });

  it('is on, and a second start in the process is the same tracing', () => {
    expect(tracing.enabled).toBe(true);
    expect(
      startTracing({
        serviceName: 'gateway',
        config: { traceSampleRatio: 1 },
        log: testLog,
      }),
    ).toBe(tracing);
  });

  it('makes the dashboard one trace across the gateway, every subgraph and SQL', async () => {
    const answer = await postTraced(supergraph.gatewayUrl, GatewayStudentDashboardDocument, {
      token,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.traceId).toMatch(/^[0-9a-f]{32}$/);
    const spans = await finishedTrace(answer.traceId ?? '');
    const byId = new Map(spans.map((s) => [idOf(s), s]));
    const childrenOf = (span: ReadableSpan) => spans.filter((s) => parentOf(s) === idOf(span));

    // One root, the gateway's request span; every other span's parent is in the trace.
    const roots = spans.filter((s) => !byId.has(parentOf(s) ?? ''));
    expect(roots.map((s) => [s.name, s.kind, parentOf(s)])).toEqual([
      ['POST /graphql', SpanKind.SERVER, undefined],
    ]);
    const [root] = roots as [ReadableSpan];
    expect(root.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.path': '/graphql',
      'http.response.status_code': 200,
      'graphql.operation.name': 'GatewayStudentDashboard',
      'graphql.operation.type': 'query',
    });
    expect(root.resource.attributes['service.name']).toBe('campus');

    // Every fetch of the plan reaches its subgraph: a client span (its child, or linking to
    // it when batched with a sibling fetch) whose one child is the subgraph's request span.
    const fetches = spans.filter((s) => s.name === 'gateway.fetch');
    const services = new Set(fetches.map((f) => f.attributes.service));
    expect([...services].sort()).toEqual(['auth', 'booking', 'course', 'support', 'users']);
    const calls = spans.filter((s) => s.kind === SpanKind.CLIENT && s.name.startsWith('subgraph '));
    for (const fetch of fetches) {
      const call = calls.find(
        (c) => parentOf(c) === idOf(fetch) || c.links.some((l) => l.context.spanId === idOf(fetch)),
      );
      expect(call?.name).toBe(`subgraph ${String(fetch.attributes.service)}`);
      expect(call?.attributes['campus.subgraph']).toBe(fetch.attributes.service);
    }
    const subgraphRequests: ReadableSpan[] = [];
    for (const call of calls) {
      expect(byId.get(parentOf(call) ?? '')?.name).toBe('gateway.fetch');
      const served = childrenOf(call);
      expect(served.map((s) => [s.name, s.kind])).toEqual([['POST /graphql', SpanKind.SERVER]]);
      subgraphRequests.push(...served);
      // The subgraph ran each batched operation in a span of its own, under its request.
      const operations = childrenOf(served[0] as ReadableSpan).filter((s) =>
        s.name.startsWith('graphql '),
      );
      expect(operations).toHaveLength(Number(call.attributes['campus.subgraph.operations']));
      for (const operation of operations) {
        expect(operation.attributes['graphql.operation.name']).toMatch(
          /^GatewayStudentDashboard__/,
        );
      }
    }

    // SQL statements sit under a subgraph's request (through DataLoader batches or not).
    const underSubgraph = (span: ReadableSpan): boolean => {
      for (let s = byId.get(parentOf(span) ?? ''); s; s = byId.get(parentOf(s) ?? '')) {
        if (subgraphRequests.includes(s)) return true;
      }
      return false;
    };
    const statements = spans.filter((s) => s.attributes['db.system.name'] === 'postgresql');
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(underSubgraph(statement)).toBe(true);
    const batches = spans.filter((s) => s.name.startsWith('dataloader '));
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) {
      expect(batch.name).not.toBe('dataloader batch');
      expect(batch.attributes['campus.batch.size']).toEqual(expect.any(Number));
      expect(underSubgraph(batch)).toBe(true);
    }
    expect(statements.some((s) => byId.get(parentOf(s) ?? '')?.name.startsWith('dataloader'))).toBe(
      true,
    );

    // The README shows this trace as text: UPDATE_TRACE_DOCS=1 rewrites it.
    const tree = renderTraceTree(spans);
    expect(tree.split('\n')[1]).toMatch(/^\s+0\.0 ms\s+[\d.]+ ms {2}POST \/graphql$/);
    expect(tree).toContain('      gateway.fetch  (users)');
    if (process.env.UPDATE_TRACE_DOCS === '1') {
      mkdirSync(path.join(REPO_ROOT, 'docs', 'traces'), { recursive: true });
      writeFileSync(path.join(REPO_ROOT, 'docs', 'traces', 'student-dashboard.txt'), tree);
    }
  });

  it("continues the caller's trace from its traceparent", async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const parentSpan = '00f067aa0ba902b7';
    const answer = await postTraced(supergraph.gatewayUrl, GatewayStudentDashboardDocument, {
      token,
      headers: { traceparent: `00-${traceId}-${parentSpan}-01` },
    });
    expect(answer.traceId).toBe(traceId);
    const spans = await finishedTrace(traceId);
    const root = spans.find((s) => s.name === 'POST /graphql' && parentOf(s) === parentSpan);
    expect(root?.kind).toBe(SpanKind.SERVER);
    expect(spans.filter((s) => s.name.startsWith('subgraph ')).length).toBeGreaterThan(0);
  });

  it('names a persisted document by its hash, never by its text', async () => {
    const hash = sha256Hex(print(GatewayStudentDashboardDocument));
    const answer = await postTraced(supergraph.gatewayUrl, GatewayStudentDashboardDocument, {
      token,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(answer.errors).toBeUndefined();
    const spans = await finishedTrace(answer.traceId ?? '');
    const root = spans.find((s) => s.kind === SpanKind.SERVER && parentOf(s) === undefined);
    expect(root?.attributes['campus.persisted_document.hash']).toBe(hash);
    for (const span of spans) expect(span.attributes['graphql.document']).toBeUndefined();
  });

  it('puts no secret, variable value or message in any span', async () => {
    // Everything exported so far: sign-up, log-in, the support message, the dashboards.
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(0);
    const secrets = [token, newToken, password, DEMO_PASSWORD, email, subject, message];
    secrets.push(firstName, lastName, 'student1@campus.test');
    const everything = (span: ReadableSpan) =>
      JSON.stringify([
        span.name,
        span.attributes,
        span.events.map((e) => [e.name, e.attributes]),
        span.links.map((l) => l.attributes),
        span.status,
      ]);
    for (const span of spans) {
      const text = everything(span);
      for (const secret of secrets) {
        if (text.includes(secret)) throw new Error(`span ${span.name} holds "${secret}": ${text}`);
      }
    }
  });
});
