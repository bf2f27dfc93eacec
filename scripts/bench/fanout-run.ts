import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../subgraphs/shared/config';
import { rootLogger } from '../../subgraphs/shared/logger';
import { formatFanout, measureFanout, signFanoutTokens } from './fanout';
import { pidsNamed } from './proc-stats';

/**
 * `npm run bench:fanout`: the chat fan-out measurement (fanout.ts) against a gateway that
 * is already running, e.g. `npm start` with its demo data.
 *
 * Environment:
 * - GATEWAY_URL (http://localhost:4000/graphql)
 * - FANOUT_ADMIN_EMAIL / FANOUT_PASSWORD (admin@campus.test / campus-demo): an admin who
 *   logs in once, sends the messages and whose id the subscribers' ADMIN tokens carry;
 * - FANOUT_SESSION_ID (else the first ASSIGNED, then OPEN, session of the support queue);
 * - FANOUT_SUBSCRIBERS (1000), FANOUT_DISTINCT_TOKENS (= subscribers), FANOUT_BURST (100),
 *   FANOUT_RATES ("5,10,20,40,80"), FANOUT_SECONDS (5), FANOUT_SETTLE_MS (5000),
 *   FANOUT_OUT (a file for the JSON result), FANOUT_THREAD (1: the subscribers in a worker
 *   thread apart from the sender; 0: in the sender's thread);
 * - FANOUT_PIDS ("gateway=123,subgraphs=456+457"; optional): processes whose CPU each
 *   phase reports; every `postgres` process of the machine counts as "postgres" unless a
 *   role of that name is given;
 * - the signing key as the services have it: JWT_PRIVATE_KEY, or CAMPUS_DATA_DIR pointing
 *   at the data directory whose development keys `npm start` uses.
 */
const env = process.env;
const GATEWAY_URL = env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const numberOf = (name: string, fallback: number) => Number(env[name] ?? fallback);

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(GATEWAY_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors)
    throw new Error(`${query.trim().split('\n')[0]}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function main(): Promise<void> {
  const log = rootLogger.child({ service: 'fanout' });
  const config = await loadConfig(env);
  const login = await gql<{ logIn: { accessToken: string; user: { id: string } } }>(
    `mutation FanoutLogIn($email: String!, $password: String!) {
      logIn(email: $email, password: $password) { accessToken user { id } }
    }`,
    {
      email: env.FANOUT_ADMIN_EMAIL ?? 'admin@campus.test',
      password: env.FANOUT_PASSWORD ?? 'campus-demo',
    },
  );
  const adminToken = login.logIn.accessToken;
  const adminId = login.logIn.user.id;

  let sessionId = env.FANOUT_SESSION_ID;
  const sessionQuery = `query FanoutSession($id: ID!) { supportSession(id: $id) { id status customer { id } } }`;
  if (!sessionId) {
    for (const status of ['ASSIGNED', 'OPEN']) {
      const { supportQueue } = await gql<{ supportQueue: { id: string }[] }>(
        `query FanoutQueue($status: SupportSessionStatus) { supportQueue(status: $status) { id } }`,
        { status },
        adminToken,
      );
      sessionId = supportQueue[0]?.id;
      if (sessionId) break;
    }
  }
  if (!sessionId) throw new Error('No open support session: set FANOUT_SESSION_ID');
  const { supportSession } = await gql<{
    supportSession: { id: string; status: string; customer: { id: string } } | null;
  }>(sessionQuery, { id: sessionId }, adminToken);
  const customerId = supportSession?.customer.id;
  if (!customerId) throw new Error(`Support session ${sessionId} not found`);

  const subscribers = numberOf('FANOUT_SUBSCRIBERS', 1000);
  const distinct = numberOf('FANOUT_DISTINCT_TOKENS', subscribers);
  const subscriberTokens = await signFanoutTokens(
    config.jwt,
    { customerId, adminIds: [adminId] },
    distinct,
  );
  log.info({ gateway: GATEWAY_URL, sessionId, subscribers, distinct }, 'fanout starting');
  const result = await measureFanout({
    gatewayUrl: GATEWAY_URL,
    sessionId,
    senderToken: adminToken,
    subscriberTokens,
    subscribers,
    burst: numberOf('FANOUT_BURST', 100),
    rates: (env.FANOUT_RATES ?? '5,10,20,40,80').split(',').map(Number),
    secondsPerRate: numberOf('FANOUT_SECONDS', 5),
    settleMs: numberOf('FANOUT_SETTLE_MS', 5_000),
    subscriberThread: env.FANOUT_THREAD !== '0',
    ...(env.FANOUT_PIDS
      ? {
          serverPids: {
            postgres: () => pidsNamed('postgres'),
            ...Object.fromEntries(
              env.FANOUT_PIDS.split(',').map((pair) => {
                const [role = '', pid = ''] = pair.split('=');
                return [role, () => pid.split('+').map(Number)];
              }),
            ),
          },
        }
      : {}),
    log,
  });
  if (env.FANOUT_OUT) writeFileSync(env.FANOUT_OUT, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
  console.log(formatFanout(result));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
