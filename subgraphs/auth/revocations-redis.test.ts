import type Redis from 'ioredis';
import { eventually, testLog } from '../../test/helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../test/redis-server';
import { RedisRevocationList } from '../shared/auth/redis-revocations';
import { connectRedis, redisReady } from '../shared/redis/connection';
import { republishRevocationsAfterOutages } from './services/republish-revocations';
import { PASSWORD, dataOf, startAuth, tokenWorks, type AuthHarness } from './test-kit';

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

describeWithRedis('revocations through Redis across auth instances', () => {
  let redis: TestRedis;
  const connections: Redis[] = [];
  const lists: RedisRevocationList[] = [];
  const harnesses: AuthHarness[] = [];

  const list = async (name: string): Promise<RedisRevocationList> => {
    const commands = connectRedis(redis.url, testLog, `${name}-commands`);
    const subscriber = connectRedis(redis.url, testLog, `${name}-subscriber`);
    connections.push(commands, subscriber);
    const made = new RedisRevocationList({ redis: commands, subscriber, log: testLog });
    lists.push(made);
    await made.ready();
    return made;
  };
  const auth = async (name: string) => {
    const revocations = await list(name);
    const harness = await startAuth({ runtime: { revocations, redis: connections.at(-2) } });
    harnesses.push(harness);
    return { harness, revocations };
  };

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const made of lists) made.close();
    await Promise.all(harnesses.map((harness) => harness.stop()));
    if (connections.some((connection) => connection.status !== 'ready')) {
      await redis.start();
      await Promise.all(connections.map((connection) => redisReady(connection, 10_000)));
    }
    for (const connection of connections) connection.disconnect();
    await redis?.stop();
  });

  it('a logOut through A is refused by B at once', async () => {
    const { harness: a } = await auth('auth-a');
    const { harness: b } = await auth('auth-b');
    const { user } = await a.signUp();
    const { accessToken } = dataOf(await a.logIn(user.email, PASSWORD)).logIn;
    expect(await tokenWorks(b, accessToken)).toBe(true);
    expect(dataOf(await a.post('mutation { logOut }', { token: accessToken }))).toEqual({
      logOut: true,
    });
    await eventually(async () => ((await tokenWorks(b, accessToken)) ? null : true), 2_000);
  });

  it('a logOut during an outage, by an instance that then stops, reaches the others from auth’s tables', async () => {
    const { harness: a, revocations: listA } = await auth('auth-c');
    const { harness: b } = await auth('auth-d');
    const detach = republishRevocationsAfterOutages(b.service.services);
    const gateway = await list('gateway');
    const { user } = await a.signUp();
    const { accessToken } = dataOf(await a.logIn(user.email, PASSWORD)).logIn;
    const { sessionId, userId, issuedAt } = await a.claims(accessToken).then((claims) => ({
      sessionId: claims.sid,
      userId: claims.sub,
      issuedAt: new Date(claims.iat * 1000),
    }));

    await redis.kill();
    await eventually(() =>
      Promise.resolve(connections.every((c) => c.status !== 'ready') ? true : null),
    );
    // Redis down: logOut still works; A refuses the token at once, the others do not know yet.
    expect(dataOf(await a.post('mutation { logOut }', { token: accessToken }))).toEqual({
      logOut: true,
    });
    expect(await tokenWorks(a, accessToken)).toBe(false);
    expect(await tokenWorks(b, accessToken)).toBe(true);
    // A stops before Redis returns: what it kept to re-send is gone with it.
    listA.close();
    await a.stop();

    await redis.start();
    // B's list is back in sync, auth re-reads its tables and re-publishes: everyone refuses it.
    await eventually(async () => ((await tokenWorks(b, accessToken)) ? null : true));
    await eventually(async () =>
      (await gateway.isRevoked({ sessionId, userId, issuedAt })) ? true : null,
    );
    detach();
  });
});
