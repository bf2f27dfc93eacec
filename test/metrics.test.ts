import { once } from 'node:events';
import WebSocket from 'ws';
import { createCampusClient, type Session } from '../clients/campus-client';
import { GatewayMeDocument, LogInDocument, SignUpDocument } from '../clients/generated/graphql';
import { DEMO_PASSWORD } from '../subgraphs/shared/demo/catalog';
import { LOGIN_FAILURES_PER_EMAIL } from '../subgraphs/auth/services/login-rate-limit-policy';
import { ServiceMetrics } from '../subgraphs/shared/observability/metrics';
import {
  BACKLOG_COUNT_LIMIT,
  observeOutboxBacklog,
  outboxReaders,
} from '../subgraphs/shared/observability/metrics-outbox-backlog';
import { eventually, testLog } from './helpers';
import { parsePrometheusText, sampleValue, samplesOf, type Family } from './prometheus-text';
import { postGraphQL, startSupergraph, type RunningSupergraph } from './supergraph';
import { wsUrl } from './ws';

type Families = Map<string, Family>;

describe('Prometheus metrics of the running supergraph', () => {
  let supergraph: RunningSupergraph;
  beforeAll(async () => {
    supergraph = await startSupergraph();
  });
  afterAll(async () => supergraph?.stop());

  const client = (session: Session | null = null) =>
    createCampusClient({ url: supergraph.gatewayUrl, session });
  const logIn = async (email: string, password = DEMO_PASSWORD) =>
    (await client().request(LogInDocument, { email, password })).logIn;

  /** The text of a service's /metrics, from its GraphQL URL (open in the test env). */
  const metricsText = async (graphqlUrl: string): Promise<string> => {
    const response = await fetch(new URL('/metrics', graphqlUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  const scrape = async (graphqlUrl: string): Promise<Families> =>
    parsePrometheusText(await metricsText(graphqlUrl));
  const gateway = () => scrape(supergraph.gatewayUrl);
  const subgraph = (name: string) => scrape(supergraph.subgraphUrls[name] ?? '');
  const allTexts = async () =>
    Promise.all(
      [supergraph.gatewayUrl, ...Object.values(supergraph.subgraphUrls)].map(metricsText),
    );
  /** The sum of a metric's samples matching `labels`. */
  const total = (families: Families, name: string, labels: Record<string, string> = {}) =>
    samplesOf(families, name)
      .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);

  it('counts each operation by name on the gateway, with its duration and subgraph fetches', async () => {
    const session = await logIn('student1@campus.test');
    const before = await gateway();
    const runs = 3;
    for (let i = 0; i < runs; i += 1) {
      const result = await client(session).execute(GatewayMeDocument);
      expect(result.errors).toBeUndefined();
    }
    const after = await gateway();
    const asked = { service: 'gateway', operation: 'GatewayMe' };
    const delta = (families: Families, name: string, labels: Record<string, string>) =>
      sampleValue(families, name, labels) - sampleValue(before, name, labels);
    expect(delta(after, 'campus_graphql_requests_total', { ...asked, type: 'query' })).toBe(runs);
    expect(delta(after, 'campus_graphql_request_duration_seconds_count', asked)).toBe(runs);
    expect(
      delta(after, 'campus_graphql_request_duration_seconds_bucket', { ...asked, le: '+Inf' }),
    ).toBe(runs);
    // Each `me` needs at least one subgraph call; all of them answered.
    const fetched = (f: Families) =>
      total(f, 'campus_subgraph_fetches_total', { service: 'gateway', outcome: 'ok' });
    expect(fetched(after) - fetched(before)).toBeGreaterThanOrEqual(runs);
    expect(total(after, 'campus_subgraph_fetches_total', { outcome: 'timeout' })).toBe(0);
    const timed = (f: Families) => total(f, 'campus_subgraph_fetch_duration_seconds_count');
    expect(timed(after) - timed(before)).toBe(fetched(after) - fetched(before));
  });

  it('counts errors by extensions.code', async () => {
    const before = await gateway();
    const short = await client().execute(SignUpDocument, {
      input: { email: 'short@campus.test', password: 'short', firstName: 'S', lastName: 'P' },
    });
    expect(short.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const invalid = await postGraphQL(supergraph.gatewayUrl, 'query Broken { noSuchField }');
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = await gateway();
    const delta = (labels: Record<string, string>) =>
      sampleValue(after, 'campus_graphql_errors_total', { service: 'gateway', ...labels }) -
      sampleValue(before, 'campus_graphql_errors_total', { service: 'gateway', ...labels });
    expect(delta({ operation: 'SignUp', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(delta({ operation: 'Broken', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    // Not valid, but parsed: named and typed by its document.
    expect(
      sampleValue(after, 'campus_graphql_requests_total', { operation: 'Broken', type: 'query' }),
    ).toBe(1);
    // Not even parsed: no name to go by (the client sent none).
    const unparsed = await postGraphQL(supergraph.gatewayUrl, 'query Unparsed {');
    expect(unparsed.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const last = await gateway();
    expect(
      sampleValue(last, 'campus_graphql_errors_total', {
        operation: 'anonymous',
        code: 'GRAPHQL_PARSE_FAILED',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("serves a subgraph's metrics: its operations, its database pool, its outbox backlog", async () => {
    const before = await subgraph('auth');
    await logIn('student2@campus.test');
    const after = await subgraph('auth');
    // The gateway names the subgraph operation after the client's (LogIn__auth__0).
    const logIns = (f: Families) =>
      samplesOf(f, 'campus_graphql_requests_total')
        .filter((s) => s.labels.operation?.startsWith('LogIn__auth__'))
        .reduce((sum, s) => sum + s.value, 0);
    expect(logIns(after) - logIns(before)).toBe(1);
    const pool = (state: string) =>
      sampleValue(after, 'campus_db_pool_connections', { service: 'auth', state });
    expect(pool('total')).toBeGreaterThan(0);
    expect(pool('idle')).toBeLessThanOrEqual(pool('total'));
    expect(pool('max')).toBeGreaterThanOrEqual(pool('total'));
    expect(samplesOf(after, 'campus_db_pool_waiting_requests')).toHaveLength(1);
    // In-process: each consumer group of auth's events reads auth's outbox.
    const backlog = samplesOf(after, 'campus_outbox_backlog');
    expect(backlog.map((s) => s.labels.group).sort()).toEqual(['support.staff', 'users.profiles']);
    for (const sample of backlog) {
      expect(sample.labels).toMatchObject({ service: 'auth', producer: 'auth' });
      expect(sample.value).toBeGreaterThanOrEqual(0);
    }
    // A subgraph that writes no events has no outbox.
    expect(samplesOf(await subgraph('users'), 'campus_outbox_backlog')).toHaveLength(0);
  });

  it("counts the outbox rows after a reader's cursor, all of them when it has none", async () => {
    const auth = supergraph.subgraphs.find((s) => s.name === 'auth');
    if (!auth) throw new Error('no auth subgraph');
    const metrics = new ServiceMetrics('auth');
    const types = ['user.registered'] as const;
    observeOutboxBacklog(
      metrics,
      auth.dataSource,
      'auth',
      [{ group: 'never-read', types }],
      testLog,
    );
    const [row] = (await auth.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "auth"."outbox" WHERE "type" = 'user.registered'`,
    )) as { n: number }[];
    const written = row?.n ?? 0;
    expect(written).toBeGreaterThan(0);
    const families = parsePrometheusText(await metrics.registry.metrics());
    expect(
      sampleValue(families, 'campus_outbox_backlog', { producer: 'auth', group: 'never-read' }),
    ).toBe(Math.min(written, BACKLOG_COUNT_LIMIT));
  });

  it('knows who takes events out of an outbox: consumer groups, or the Redis relay', () => {
    expect(outboxReaders('auth', false)).toEqual([
      { group: 'users.profiles', types: ['user.registered'] },
      { group: 'support.staff', types: ['user.registered', 'user.access-changed'] },
    ]);
    expect(outboxReaders('course', false)).toEqual([
      { group: 'booking.course-view', types: ['course.changed'] },
    ]);
    expect(outboxReaders('auth', true)).toEqual([
      { group: 'redis-relay', types: ['user.registered', 'user.access-changed'] },
    ]);
    expect(outboxReaders('users', false)).toEqual([]);
  });

  it('measures events applied by consumer groups, and their delivery lag', async () => {
    const applied = (f: Families) =>
      sampleValue(f, 'campus_events_applied_total', { service: 'users', group: 'users.profiles' });
    const lagged = (f: Families) =>
      sampleValue(f, 'campus_event_delivery_lag_seconds_count', { group: 'users.profiles' });
    const before = await subgraph('users');
    await client().request(SignUpDocument, {
      input: {
        email: `metrics.${Date.now()}@campus.test`,
        password: 'long-enough-pw',
        firstName: 'Metered',
        lastName: 'Student',
      },
    });
    // signUp waits until users.profiles applied its event (read-your-writes).
    const after = await subgraph('users');
    expect(applied(after) - applied(before)).toBe(1);
    expect(lagged(after) - lagged(before)).toBe(1);
    expect(sampleValue(after, 'campus_outbox_backlog', { group: 'users.profiles' })).toBe(0);
    const auth = await subgraph('auth');
    expect(sampleValue(auth, 'campus_outbox_backlog', { group: 'users.profiles' })).toBe(0);
  });

  it('counts sign-ins refused by the rate limit', async () => {
    const refused = async () =>
      sampleValue(await subgraph('auth'), 'campus_login_rate_limited_total', { service: 'auth' });
    const before = await refused();
    const email = `limited.${Date.now()}@campus.test`;
    const codes: unknown[] = [];
    for (let i = 0; i <= LOGIN_FAILURES_PER_EMAIL.points; i += 1) {
      const result = await client().execute(LogInDocument, { email, password: 'wrong-password' });
      codes.push(result.errors?.[0]?.extensions?.code);
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(await refused()).toBe(before + 1);
  });

  it('reports open client sockets and subscriptions of the gateway', async () => {
    const sockets = async () =>
      sampleValue(await gateway(), 'campus_ws_sockets', { service: 'gateway', side: 'client' });
    const idle = await sockets();
    const socket = new WebSocket(wsUrl(supergraph.gatewayUrl), 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await once(socket, 'message');
    try {
      expect(await sockets()).toBe(idle + 1);
      const families = await gateway();
      for (const kind of ['client', 'shared', 'upstream']) {
        expect(samplesOf(families, 'campus_subscriptions').map((s) => s.labels.kind)).toContain(
          kind,
        );
      }
    } finally {
      socket.close();
    }
    await eventually(async () => ((await sockets()) === idle ? true : null));
  });

  it('puts no token, password, email or variable value in any metric', async () => {
    const password = `Secret-${Date.now()}-pw`;
    const email = `private.${Date.now()}@campus.test`;
    const signUp = await client().request(SignUpDocument, {
      input: { email, password, firstName: 'Private', lastName: 'Person' },
    });
    const { accessToken, refreshToken } = signUp.signUp;
    await client({ accessToken, refreshToken }).request(GatewayMeDocument);
    await logIn(email, password);
    // Nor what a client puts where a name belongs.
    const odd = await fetch(supergraph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        query: 'query Q($secret: String) { __typename }',
        operationName: password,
        variables: { secret: password },
      }),
    });
    expect(odd.status).toBeGreaterThanOrEqual(400);
    for (const text of await allTexts()) {
      parsePrometheusText(text);
      for (const secret of [password, accessToken, refreshToken, email, 'Private']) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
