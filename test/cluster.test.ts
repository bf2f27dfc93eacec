import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { launchCluster, type RunningCluster } from '../scripts/cluster';
import { freePort } from '../scripts/free-port';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/shared/topology';
import { eventually } from './helpers';
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

  beforeAll(async () => {
    redis = await startTestRedis();
    const subgraphs = {} as Record<SubgraphName, number>;
    for (const name of SUBGRAPH_NAMES) subgraphs[name] = await freePort();
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
        subgraphs,
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
});
