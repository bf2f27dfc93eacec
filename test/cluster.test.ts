import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { createCampusClient } from '../clients/campus-client';
import {
  FlowMeDocument,
  GatewayMeIdDocument,
  LogInDocument,
  LogOutDocument,
  SignUpDocument,
  TestOpenSupportSessionDocument,
  TestSendSupportMessageDocument,
  TestSupportMessageAddedDocument,
  WebSupportSessionUpdatedDocument,
} from '../clients/generated/graphql';
import { launchCluster, type RunningCluster } from '../scripts/cluster';
import { freePort } from '../scripts/free-port';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/shared/topology';
import { GATEWAY_SECRET_HEADER } from '../subgraphs/shared/gateway-secret';
import { eventually, testConfig } from './helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from './redis-server';
import { postGraphQL } from './supergraph';
import { subscribe, wsClient } from './ws';

/**
 * The services apart, as separate processes sharing state through a real Redis: two
 * gateways, each routing support to its own support instance. What holds in one process
 * must hold here too. Operations are the shared typed documents of clients/operations/,
 * sent by campus-client over HTTP and by test/ws over graphql-ws.
 */
const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

describeWithRedis('services apart, on Redis (two gateways, two support instances)', () => {
  let redis: TestRedis;
  let cluster: RunningCluster;
  const clients: Client[] = [];
  const output: string[] = [];
  const subgraphPorts = {} as Record<SubgraphName, number>;

  beforeAll(async () => {
    redis = await startTestRedis();
    for (const name of SUBGRAPH_NAMES) subgraphPorts[name] = await freePort();
    const env = Object.fromEntries(
      ['NODE_ENV', 'CAMPUS_DATA_DIR', 'DB_HOST', 'DB_PORT', 'DB_NAME'].map((k) => [
        k,
        process.env[k] ?? '',
      ]),
    );
    cluster = await launchCluster({
      env: { ...env, REDIS_URL: redis.url, LOG_LEVEL: 'warn' },
      seed: true,
      ports: {
        subgraphs: subgraphPorts,
        secondSupport: await freePort(),
        gateways: [await freePort(), await freePort()],
      },
      onLine: (label, line) => output.push(`[${label}] ${line}`),
    });
  }, 240_000);
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
  }, 60_000);

  /** campus-client on gateway `url`, with only `accessToken`: a refused token stays refused. */
  const as = (url: string, accessToken?: string) =>
    createCampusClient({ url, session: accessToken ? { accessToken } : null });
  const signUp = async (url: string, firstName: string) =>
    (
      await as(url).request(SignUpDocument, {
        input: {
          email: `cluster-${randomUUID()}@campus.test`,
          password: 'long-enough-password',
          firstName,
          lastName: 'Apart',
        },
      })
    ).signUp;
  const openSession = async (url: string, token: string, subject: string) =>
    (await as(url, token).request(TestOpenSupportSessionDocument, { subject, message: 'Hello' }))
      .openSupportSession.id;
  const send = (url: string, token: string, sessionId: string, body: string) =>
    as(url, token).execute(TestSendSupportMessageDocument, { sessionId, body });

  it('signUp through gateway A, me { name } through gateway B at once', async () => {
    const [a, b] = cluster.gatewayUrls;
    const student = await signUp(a, 'Ada');
    const me = await as(b, student.accessToken).execute(FlowMeDocument);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({
      id: student.user.id,
      name: 'Ada Apart',
      email: student.user.email,
    });
  });

  it('a subscriber on gateway A receives a message sent through gateway B', async () => {
    const [a, b] = cluster.gatewayUrls;
    const student = await signUp(a, 'Chatty');
    const sessionId = await openSession(a, student.accessToken, 'Across');
    const client = wsClient(a, { token: student.accessToken });
    clients.push(client);
    const sub = subscribe(client, TestSupportMessageAddedDocument, { sessionId });
    const marker = `through-b-${randomUUID()}`;
    await eventually(async () => {
      if (sub.results.some((r) => r.data?.supportMessageAdded.body === marker)) return true;
      await send(b, student.accessToken, sessionId, marker);
      return null;
    }, 20_000);
    const event = sub.results.find((r) => r.data?.supportMessageAdded.body === marker);
    expect(event?.data?.supportMessageAdded.sender).toEqual({
      name: 'Chatty Apart',
      role: 'STUDENT',
    });
  });

  it('logOut through gateway A: refused at once through gateway B, and both sockets close', async () => {
    const [a, b] = cluster.gatewayUrls;
    const student = await signUp(a, 'Leaving');
    const sessionId = await openSession(a, student.accessToken, 'Bye');
    const subs = cluster.gatewayUrls.map((url) => {
      const client = wsClient(url, { token: student.accessToken });
      clients.push(client);
      return subscribe(client, WebSupportSessionUpdatedDocument, { sessionId });
    });
    await as(a, student.accessToken).request(LogOutDocument);
    const through = await as(b, student.accessToken).execute(GatewayMeIdDocument);
    expect(through.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Every subgraph process refuses it too, asked directly as the gateway would: raw on
    // purpose, a probe of each subgraph and no operation of a client's.
    const { gatewaySecret } = await testConfig();
    for (const name of SUBGRAPH_NAMES) {
      const { body } = await postGraphQL(
        `http://localhost:${subgraphPorts[name]}/graphql`,
        '{ __typename }',
        {
          token: student.accessToken,
          headers: { [GATEWAY_SECRET_HEADER]: gatewaySecret },
        },
      );
      expect([name, body.errors?.[0]?.extensions?.code]).toEqual([name, 'UNAUTHENTICATED']);
    }
    // Each open subscription ends: the socket closes with 4403, or the owning subgraph
    // refuses the ended session first (UNAUTHENTICATED), whichever comes first.
    for (const sub of subs) {
      const { error } = await sub.ended;
      const closedForbidden = (error as { code?: number } | undefined)?.code === 4403;
      const refused = sub.results.some((r) =>
        r.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED'),
      );
      expect(closedForbidden || refused).toBe(true);
    }
    // And a new socket with that token is refused by either gateway.
    for (const url of cluster.gatewayUrls) {
      const client = wsClient(url, { token: student.accessToken });
      clients.push(client);
      const { error } = await subscribe(client, GatewayMeIdDocument).ended;
      expect((error as { code?: number }).code).toBe(4403);
    }
  });

  it('Redis stopped and restarted: queries answer, login fails closed, events and messages catch up', async () => {
    const [a, b] = cluster.gatewayUrls;
    const student = await signUp(a, 'Steady');
    const sessionId = await openSession(a, student.accessToken, 'Outage');
    const client = wsClient(a, { token: student.accessToken });
    clients.push(client);
    const live = subscribe(client, TestSupportMessageAddedDocument, { sessionId });
    const marker = `before-${randomUUID()}`;
    await eventually(async () => {
      if (live.results.some((r) => r.data?.supportMessageAdded.body === marker)) return true;
      await send(b, student.accessToken, sessionId, marker);
      return null;
    }, 20_000);
    const lastSeen = live.results.at(-1)?.data?.supportMessageAdded.id;

    await redis.kill();
    // Open subscriptions end with the error that says to resubscribe with `after`.
    await live.ended;
    expect(live.results.at(-1)?.errors?.[0]?.extensions?.reason).toBe('SUBSCRIPTION_INTERRUPTED');
    // Queries keep answering, through either gateway.
    for (const url of [a, b]) {
      const me = await as(url, student.accessToken).execute(FlowMeDocument);
      expect(me.data?.me?.name).toBe('Steady Apart');
    }
    // Login fails closed while the shared rate limit cannot be checked.
    const login = await as(a).execute(LogInDocument, {
      email: student.user.email,
      password: 'long-enough-password',
    });
    expect(login.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Written while Redis is down: a message (committed, announced later) and a new account
    // whose user.registered waits in auth's outbox.
    const during = await send(b, student.accessToken, sessionId, 'during the outage');
    expect(during.errors).toBeUndefined();
    const latecomer = await signUp(a, 'Latecomer');

    await redis.start();
    const profile = await eventually(async () => {
      const me = await as(b, latecomer.accessToken).execute(FlowMeDocument);
      const name = me.data?.me?.name;
      return name === 'Latecomer Apart' ? name : null;
    }, 30_000);
    expect(profile).toBe('Latecomer Apart');
    // Resubscribing with `after` replays what was missed: no gap.
    const resumed = subscribe(client, TestSupportMessageAddedDocument, {
      sessionId,
      after: lastSeen,
    });
    const [first] = await resumed.next(1, 20_000);
    expect(first?.data?.supportMessageAdded).toEqual({
      id: during.data?.sendSupportMessage.id,
      body: 'during the outage',
      sender: { name: 'Steady Apart', role: 'STUDENT' },
    });
  });
});
