import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
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
 * must hold here too.
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

  const gql = async <D>(url: string, query: string, variables = {}, token?: string) => {
    const { body } = await postGraphQL<D>(url, query, { variables, token });
    return body;
  };
  const signUp = async (url: string, firstName: string) => {
    const body = await gql<{
      signUp: { accessToken: string; user: { id: string; email: string } };
    }>(url, 'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id email } } }', {
      i: {
        email: `cluster-${randomUUID()}@campus.test`,
        password: 'long-enough-password',
        firstName,
        lastName: 'Apart',
      },
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.signUp;
  };

  it('signUp through gateway A, me { name } through gateway B at once', async () => {
    const [a, b] = cluster.gatewayUrls;
    const student = await signUp(a, 'Ada');
    const me = await gql<{ me: { name: string; email: string } }>(
      b,
      '{ me { name email } }',
      {},
      student.accessToken,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({ name: 'Ada Apart', email: student.user.email });
  });

  it('a subscriber on gateway A receives a message sent through gateway B', async () => {
    const [a, b] = cluster.gatewayUrls;
    const student = await signUp(a, 'Chatty');
    const opened = await gql<{ openSupportSession: { id: string } }>(
      a,
      'mutation { openSupportSession(subject: "Across", message: "Hello") { id } }',
      {},
      student.accessToken,
    );
    const sessionId = opened.data?.openSupportSession.id ?? '';
    const client = wsClient(a, { token: student.accessToken });
    clients.push(client);
    const sub = subscribe<{
      supportMessageAdded: { body: string; sender: { name: string; role: string } };
    }>(
      client,
      'subscription($id: ID!) { supportMessageAdded(sessionId: $id) { body sender { name role } } }',
      { id: sessionId },
    );
    const marker = `through-b-${randomUUID()}`;
    await eventually(async () => {
      if (sub.results.some((r) => r.data?.supportMessageAdded.body === marker)) return true;
      await gql(
        b,
        'mutation($id: ID!, $body: String!) { sendSupportMessage(sessionId: $id, body: $body) { id } }',
        { id: sessionId, body: marker },
        student.accessToken,
      );
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
    const opened = await gql<{ openSupportSession: { id: string } }>(
      a,
      'mutation { openSupportSession(subject: "Bye", message: "Hello") { id } }',
      {},
      student.accessToken,
    );
    const sessionId = opened.data?.openSupportSession.id ?? '';
    const subs = cluster.gatewayUrls.map((url) => {
      const client = wsClient(url, { token: student.accessToken });
      clients.push(client);
      return subscribe(
        client,
        'subscription($id: ID!) { supportSessionUpdated(sessionId: $id) { id } }',
        {
          id: sessionId,
        },
      );
    });
    await gql(a, 'mutation { logOut }', {}, student.accessToken);
    const through = await gql(b, '{ me { id } }', {}, student.accessToken);
    expect(through.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // Every subgraph process refuses it too, asked directly as the gateway would.
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
      const { error } = await subscribe(client, '{ me { id } }').ended;
      expect((error as { code?: number }).code).toBe(4403);
    }
  });

  it('Redis stopped and restarted: queries answer, login fails closed, events and messages catch up', async () => {
    const [a, b] = cluster.gatewayUrls;
    const student = await signUp(a, 'Steady');
    const opened = await gql<{ openSupportSession: { id: string } }>(
      a,
      'mutation { openSupportSession(subject: "Outage", message: "Hello") { id } }',
      {},
      student.accessToken,
    );
    const sessionId = opened.data?.openSupportSession.id ?? '';
    const MESSAGES =
      'subscription($id: ID!, $after: ID) { supportMessageAdded(sessionId: $id, after: $after) { id body } }';
    type Added = { supportMessageAdded: { id: string; body: string } };
    const client = wsClient(a, { token: student.accessToken });
    clients.push(client);
    const live = subscribe<Added>(client, MESSAGES, { id: sessionId });
    const marker = `before-${randomUUID()}`;
    await eventually(async () => {
      if (live.results.some((r) => r.data?.supportMessageAdded.body === marker)) return true;
      await gql(
        b,
        'mutation($id: ID!, $body: String!) { sendSupportMessage(sessionId: $id, body: $body) { id } }',
        { id: sessionId, body: marker },
        student.accessToken,
      );
      return null;
    }, 20_000);
    const lastSeen = live.results.at(-1)?.data?.supportMessageAdded.id;

    await redis.kill();
    // Open subscriptions end with the error that says to resubscribe with `after`.
    await live.ended;
    expect(live.results.at(-1)?.errors?.[0]?.extensions?.reason).toBe('SUBSCRIPTION_INTERRUPTED');
    // Queries keep answering, through either gateway.
    for (const url of [a, b]) {
      const me = await gql<{ me: { name: string } }>(
        url,
        '{ me { name } }',
        {},
        student.accessToken,
      );
      expect(me.data?.me.name).toBe('Steady Apart');
    }
    // Login fails closed while the shared rate limit cannot be checked.
    const login = await gql(
      a,
      'mutation($e: String!) { logIn(email: $e, password: "long-enough-password") { accessToken } }',
      { e: student.user.email },
    );
    expect(login.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Written while Redis is down: a message (committed, announced later) and a new account
    // whose user.registered waits in auth's outbox.
    const during = await gql<{ sendSupportMessage: { id: string } }>(
      b,
      'mutation($id: ID!) { sendSupportMessage(sessionId: $id, body: "during the outage") { id } }',
      { id: sessionId },
      student.accessToken,
    );
    expect(during.errors).toBeUndefined();
    const latecomer = await signUp(a, 'Latecomer');

    await redis.start();
    const profile = await eventually(async () => {
      const me = await gql<{ me: { name: string } }>(
        b,
        '{ me { name } }',
        {},
        latecomer.accessToken,
      );
      return me.data?.me.name === 'Latecomer Apart' ? me.data.me.name : null;
    }, 30_000);
    expect(profile).toBe('Latecomer Apart');
    // Resubscribing with `after` replays what was missed: no gap.
    const resumed = subscribe<Added>(client, MESSAGES, { id: sessionId, after: lastSeen });
    const [first] = await resumed.next(1, 20_000);
    expect(first?.data?.supportMessageAdded).toEqual({
      id: during.data?.sendSupportMessage.id,
      body: 'during the outage',
    });
  });
});
