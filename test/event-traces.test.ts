import { randomUUID } from 'node:crypto';
import { SpanKind, type Attributes } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Client } from 'graphql-ws';
import { createCampusClient } from '../clients/campus-client';
import {
  LogInDocument,
  SignUpDocument,
  SubscriptionsMessageAddedDocument,
  TestOpenSupportSessionDocument,
  TestSendSupportMessageDocument,
} from '../clients/generated/graphql';
import { DEMO_PASSWORD } from '../subgraphs/shared/demo/catalog';
import { startTracing, type Tracing } from '../subgraphs/shared/observability/tracing';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { eventually, testConfig, testLog } from './helpers';
import { startSupergraph, type RunningSupergraph } from './supergraph';
import { postTraced } from './traced-requests';
import { subscribe, wsClient } from './ws';

/**
 * Traces of what runs after the request (tracing on, spans in memory): a domain event is
 * recorded inside the mutation's trace and applied by every consumer group in spans that
 * continue it; a subscription event's completion through the supergraph is a trace whose
 * spans reach the subgraphs it queried.
 */
const exporter = new InMemorySpanExporter();

const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const traceOf = (span: ReadableSpan) => span.spanContext().traceId;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const finished = () => exporter.getFinishedSpans();
const named = (name: string, attributes: Attributes = {}) =>
  finished().filter(
    (s) =>
      s.name === name &&
      Object.entries(attributes).every(([key, value]) => s.attributes[key] === value),
  );
const linksTo = (span: ReadableSpan, target: ReadableSpan) =>
  span.links.some(
    (l) => l.context.spanId === idOf(target) && l.context.traceId === traceOf(target),
  );
/** Every span below `root` (its children, theirs…), among the spans exported so far. */
function descendantsOf(root: ReadableSpan): ReadableSpan[] {
  const spans = finished().filter((s) => traceOf(s) === traceOf(root));
  const found: ReadableSpan[] = [];
  let frontier = [idOf(root)];
  while (frontier.length > 0) {
    const next = spans.filter((s) => frontier.includes(parentOf(s) ?? ''));
    found.push(...next);
    frontier = next.map(idOf);
  }
  return found;
}

describe('traces of domain events and subscriptions', () => {
  let tracing: Tracing;
  let supergraph: RunningSupergraph;
  const clients: Client[] = [];
  const password = `pw-${randomUUID()}`;
  const email = `event-traces-${randomUUID()}@campus.test`;
  const firstName = `First${randomUUID().slice(0, 8)}`;
  const lastName = `Last${randomUUID().slice(0, 8)}`;
  const body = `body-${randomUUID()}`;
  const secrets: string[] = [password, email, firstName, lastName, body];

  const subgraph = (name: string): RunnableSubgraph => {
    const found = supergraph.subgraphs.find((s) => s.name === name);
    if (!found) throw new Error(`no ${name} subgraph`);
    return found;
  };
  const as = (accessToken?: string) =>
    createCampusClient({
      url: supergraph.gatewayUrl,
      session: accessToken ? { accessToken } : null,
    });

  beforeAll(async () => {
    const config = await testConfig();
    // Before anything uses pg, so SQL is traced from the first statement.
    tracing = startTracing({
      serviceName: 'campus',
      config: config.observability,
      exporter,
      log: testLog,
    });
    supergraph = await startSupergraph();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await supergraph?.stop();
    await tracing?.shutdown();
  });

  it('adds trace_parent to every outbox (the migration ran)', async () => {
    for (const name of ['auth', 'course', 'booking']) {
      const columns = (await subgraph(name).dataSource.query(
        `SELECT data_type FROM information_schema.columns
          WHERE table_schema = $1 AND table_name = 'outbox' AND column_name = 'trace_parent'`,
        [name],
      )) as { data_type: string }[];
      expect({ name, columns }).toEqual({ name, columns: [{ data_type: 'text' }] });
    }
  });

  it("records signUp's event in its trace, and each consumer group applies it in that trace", async () => {
    const answer = await postTraced<{ signUp: { user: { id: string } } }>(
      supergraph.gatewayUrl,
      SignUpDocument,
      { variables: { input: { email, password, firstName, lastName } } },
    );
    expect(answer.errors).toBeUndefined();
    const traceId = answer.traceId ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // event.record: inside the mutation's trace, under the auth subgraph's operation.
    const record = await eventually(async () => {
      const found = named('event.record user.registered').find((s) => traceOf(s) === traceId);
      return found ?? null;
    });
    expect(record.kind).toBe(SpanKind.PRODUCER);
    expect(record.attributes).toEqual({
      'campus.event.type': 'user.registered',
      'campus.event.id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'campus.producer': 'auth',
    });
    expect(parentOf(record)).toBeDefined();
    const eventId = String(record.attributes['campus.event.id']);

    // Its context is stored with the row.
    const [row] = (await subgraph('auth').dataSource.query(
      `SELECT "trace_parent" FROM "auth"."outbox" WHERE "id" = $1`,
      [eventId],
    )) as { trace_parent: string | null }[];
    expect(row?.trace_parent).toBe(`00-${traceId}-${idOf(record)}-01`);
    // The INSERT itself is traced under it.
    await eventually(async () =>
      descendantsOf(record).some((s) => s.attributes['db.system.name'] === 'postgresql')
        ? true
        : null,
    );

    // One event.apply per group consuming user.registered, parented by the record span,
    // linked to it and to the delivery round that carried it; the group's SQL under it.
    const applies = await eventually(async () => {
      const found = named('event.apply user.registered', { 'campus.event.id': eventId });
      return found.length >= 2 ? found : null;
    });
    // support.staff keeps admins only: a student's registration is not applicable there.
    const outcomes = Object.fromEntries(
      applies.map((s) => [
        s.attributes['campus.consumer.group'],
        s.attributes['campus.event.outcome'],
      ]),
    );
    expect(outcomes).toEqual({ 'support.staff': 'not-applicable', 'users.profiles': 'applied' });
    for (const apply of applies) {
      expect(apply.kind).toBe(SpanKind.CONSUMER);
      expect(traceOf(apply)).toBe(traceId);
      expect(parentOf(apply)).toBe(idOf(record));
      expect(linksTo(apply, record)).toBe(true);
      expect(apply.attributes).toMatchObject({
        'campus.event.type': 'user.registered',
        'campus.producer': 'auth',
      });
      const statements = descendantsOf(apply).filter(
        (s) => s.attributes['db.system.name'] === 'postgresql',
      );
      // applyOnce's statements (claiming the id, creating the profile) nest under it.
      if (apply.attributes['campus.event.outcome'] === 'applied') {
        expect(statements.length).toBeGreaterThanOrEqual(2);
      }
      const delivery = finished().find(
        (s) => s.name === 'event.deliver' && apply.links.some((l) => l.context.spanId === idOf(s)),
      );
      expect(delivery?.attributes).toMatchObject({
        'campus.producer': 'auth',
        'campus.consumer.group': apply.attributes['campus.consumer.group'],
      });
      expect(delivery && linksTo(delivery, record)).toBe(true);
    }
  });

  it('traces each subscription event completed through the supergraph', async () => {
    const student = await as().request(SignUpDocument, {
      input: {
        email: `event-traces-${randomUUID()}@campus.test`,
        password,
        firstName: 'Sub',
        lastName: 'Scriber',
      },
    });
    const token = student.signUp.accessToken;
    secrets.push(token);
    const admin = (
      await as().request(LogInDocument, { email: 'admin@campus.test', password: DEMO_PASSWORD })
    ).logIn.accessToken;
    secrets.push(admin);
    const sessionId = (
      await as(token).request(TestOpenSupportSessionDocument, {
        subject: `subject-${randomUUID()}`,
        message: `opening-${randomUUID()}`,
      })
    ).openSupportSession.id;

    const client = wsClient(supergraph.gatewayUrl, { token });
    clients.push(client);
    const messages = subscribe(client, SubscriptionsMessageAddedDocument, { sessionId });
    // Live once the upstream subscription's setup has been traced on the support subgraph.
    const setup = await eventually(async () => {
      const found = named('subscription supportMessageAdded')[0];
      return found ?? null;
    });
    expect(setup.kind).toBe(SpanKind.SERVER);
    const upstream = finished().find((s) => idOf(s) === parentOf(setup));
    expect(upstream?.name).toBe('subscription.upstream supportMessageAdded');
    expect(upstream?.attributes).toMatchObject({
      'campus.subscription.field': 'supportMessageAdded',
      'campus.subgraph': 'support',
    });
    expect(traceOf(setup)).toBe(upstream && traceOf(upstream));
    // The subscribe resolver's checks and reads sit under the setup span.
    const setupSpans = descendantsOf(setup);
    expect(setupSpans.some((s) => s.attributes['db.system.name'] === 'postgresql')).toBe(true);

    const messageId = (await as(admin).request(TestSendSupportMessageDocument, { sessionId, body }))
      .sendSupportMessage.id;
    await eventually(async () =>
      messages.results.some((r) => r.data?.supportMessageAdded.id === messageId) ? true : null,
    );
    expect(messages.results.find((r) => r.data?.supportMessageAdded.id === messageId)).toEqual({
      data: {
        supportMessageAdded: expect.objectContaining({ body, sender: expect.anything() }),
      },
    });

    const event = await eventually(async () => {
      const found = named('subscription.event supportMessageAdded', {
        'campus.subscription.event_id': messageId,
      })[0];
      return found ?? null;
    });
    expect(parentOf(event)).toBeUndefined();
    expect(event.attributes).toMatchObject({
      'campus.subscription.field': 'supportMessageAdded',
      'campus.subgraph': 'support',
      'campus.subscription.listeners': 1,
    });
    expect(upstream && linksTo(event, upstream)).toBe(true);
    // The completion query ran inside it: @apollo/gateway's request and its fetches, the
    // calls to the subgraphs they queried, each subgraph's request and its SQL.
    const below = await eventually(async () => {
      const found = descendantsOf(event);
      const fetched = new Set(
        found.filter((s) => s.name === 'gateway.fetch').map((s) => s.attributes.service),
      );
      const calls = found.filter(
        (s) => s.kind === SpanKind.CLIENT && s.name.startsWith('subgraph '),
      );
      const served = calls.every((c) => found.some((s) => parentOf(s) === idOf(c)));
      return fetched.has('support') && fetched.has('users') && calls.length > 0 && served
        ? found
        : null;
    });
    expect(below.filter((s) => parentOf(s) === idOf(event)).map((s) => s.name)).toEqual([
      'gateway.request',
    ]);
    const calls = below.filter((s) => s.kind === SpanKind.CLIENT && s.name.startsWith('subgraph '));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) {
      expect(below.filter((s) => parentOf(s) === idOf(call)).map((s) => s.kind)).toEqual([
        SpanKind.SERVER,
      ]);
    }
    expect(below.some((s) => s.attributes['db.system.name'] === 'postgresql')).toBe(true);
    // What the stream reads for each event is not added to the (long finished) setup's trace.
    expect(descendantsOf(setup)).toHaveLength(setupSpans.length);
  });

  it('puts no message body, token or variable value in any span', () => {
    const spans = finished();
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      const text = JSON.stringify([
        span.name,
        span.attributes,
        span.events.map((e) => [e.name, e.attributes]),
        span.links.map((l) => l.attributes),
        span.status,
      ]);
      for (const secret of secrets) {
        if (text.includes(secret)) throw new Error(`span ${span.name} holds "${secret}": ${text}`);
      }
    }
  });
});
