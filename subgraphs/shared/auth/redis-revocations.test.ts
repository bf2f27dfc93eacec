import type Redis from 'ioredis';
import { eventually, testLog } from '../../../test/helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../../test/redis-server';
import { connectRedis, redisReady } from '../redis/connection';
import {
  REVOCATIONS_CHANNEL,
  RedisRevocationList,
  revokedSessionKey,
  revokedUserBeforeKey,
} from './redis-revocations';

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

describeWithRedis('RedisRevocationList', () => {
  let redis: TestRedis;
  let probe: Redis;
  const connections: Redis[] = [];
  const lists: RedisRevocationList[] = [];
  let counter = 0;

  /** An instance as a process would make it: a command and a subscriber connection. */
  async function instance(): Promise<RedisRevocationList> {
    counter += 1;
    const commands = connectRedis(redis.url, testLog, `revocations-${counter}`);
    const subscriber = connectRedis(redis.url, testLog, `revocations-sub-${counter}`);
    connections.push(commands, subscriber);
    const list = new RedisRevocationList({ redis: commands, subscriber, log: testLog });
    lists.push(list);
    await list.ready();
    return list;
  }

  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  const token = (sessionId: string, userId = 'u-any', issuedAt = new Date(Date.now() - 1000)) => ({
    sessionId,
    userId,
    issuedAt,
  });
  let sequence = 0;
  const fresh = (label: string) => `${label}-${Date.now()}-${(sequence += 1)}`;

  /** Redis back up, every connection of the test ready again. */
  async function restartRedis(): Promise<void> {
    await redis.start();
    await Promise.all([probe, ...connections].map((r) => redisReady(r, 10_000)));
  }

  beforeAll(async () => {
    redis = await startTestRedis();
    probe = connectRedis(redis.url, testLog, 'revocations-probe');
    await redisReady(probe);
  });
  afterAll(async () => {
    for (const list of lists) list.close();
    for (const connection of [probe, ...connections]) connection?.disconnect();
    await redis?.stop();
  });
  beforeEach(async () => {
    if (probe.status !== 'ready') await restartRedis();
  });

  it('a revocation through A is seen by B at once, and stored in Redis until it expires', async () => {
    const [a, b] = [await instance(), await instance()];
    const session = fresh('s');
    expect(await b.isRevoked(token(session))).toBe(false);
    await a.revokeSessions([session], inMinutes(15));
    expect(await a.isRevoked(token(session))).toBe(true);
    await eventually(async () => ((await b.isRevoked(token(session))) ? true : null), 2_000);
    const ttl = await probe.pttl(revokedSessionKey(session));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);

    // Role changes: tokens issued before the cut-off, and only those.
    const user = fresh('u');
    const cutoff = new Date(Math.floor(Date.now() / 1000) * 1000);
    await b.revokeTokensIssuedBefore(user, cutoff, inMinutes(15));
    const before = token(fresh('s'), user, new Date(cutoff.getTime() - 5_000));
    const after = token(fresh('s'), user, new Date(cutoff.getTime() + 5_000));
    await eventually(async () => ((await a.isRevoked(before)) ? true : null), 2_000);
    expect(await a.isRevoked(after)).toBe(false);
    expect(await probe.get(revokedUserBeforeKey(user))).toBe(String(cutoff.getTime()));
  });

  it('keeps the latest issuedBefore and the longest lifetime, whatever the order of writes', async () => {
    const a = await instance();
    const user = fresh('u');
    const later = new Date(Math.floor(Date.now() / 1000) * 1000 + 10_000);
    const earlier = new Date(later.getTime() - 60_000);
    await a.revokeTokensIssuedBefore(user, later, inMinutes(15));
    await a.revokeTokensIssuedBefore(user, earlier, inMinutes(1));
    expect(await probe.get(revokedUserBeforeKey(user))).toBe(String(later.getTime()));
    expect(await probe.pttl(revokedUserBeforeKey(user))).toBeGreaterThan(60_000);
  });

  it('an instance started later loads the current entries', async () => {
    const a = await instance();
    const session = fresh('s');
    const user = fresh('u');
    const cutoff = new Date(Math.floor(Date.now() / 1000) * 1000);
    await a.revokeSessions([session], inMinutes(15));
    await a.revokeTokensIssuedBefore(user, cutoff, inMinutes(15));
    const c = await instance();
    expect(await c.isRevoked(token(session))).toBe(true);
    expect(await c.isRevoked(token(fresh('s'), user, new Date(cutoff.getTime() - 2_000)))).toBe(
      true,
    );
    expect(await c.isRevoked(token(fresh('s'), user, new Date(cutoff.getTime() + 2_000)))).toBe(
      false,
    );
  });

  it('entries expire with the token: in Redis and in every local copy', async () => {
    const [a, b] = [await instance(), await instance()];
    const session = fresh('s');
    const until = new Date(Date.now() + 400);
    await a.revokeSessions([session], until);
    await eventually(async () => ((await b.isRevoked(token(session))) ? true : null), 2_000);
    await eventually(async () => ((await probe.exists(revokedSessionKey(session))) ? null : true));
    expect(await a.isRevoked(token(session))).toBe(false);
    expect(await b.isRevoked(token(session))).toBe(false);
    // Already expired: nothing for a new instance to load.
    const c = await instance();
    expect(await c.isRevoked(token(session))).toBe(false);
  });

  it('with Redis down, answers from the local copy; after restart a revocation made meanwhile reaches the others', async () => {
    const [a, b] = [await instance(), await instance()];
    const known = fresh('s');
    await a.revokeSessions([known], inMinutes(15));
    await eventually(async () => ((await b.isRevoked(token(known))) ? true : null), 2_000);
    const resynced: string[] = [];
    a.onResynced(() => {
      resynced.push('a');
    });

    await redis.kill();
    await eventually(() => Promise.resolve(probe.status === 'ready' ? null : true));
    // Known before the outage: still refused everywhere.
    expect(await a.isRevoked(token(known))).toBe(true);
    expect(await b.isRevoked(token(known))).toBe(true);
    // Made during the outage: the revoking instance refuses it at once, without failing.
    const during = fresh('s');
    await a.revokeSessions([during], inMinutes(15));
    expect(await a.isRevoked(token(during))).toBe(true);
    expect(await b.isRevoked(token(during))).toBe(false);

    // Redis comes back empty (nothing persisted): A re-publishes what it holds.
    await restartRedis();
    await eventually(async () => ((await b.isRevoked(token(during))) ? true : null));
    await eventually(async () => ((await probe.exists(revokedSessionKey(during))) ? true : null));
    // Auth's hook ran, so it can re-run restoreRevocations from its tables.
    await eventually(() => Promise.resolve(resynced.length > 0 ? true : null));
    // A new instance learns of it too, and announcements flow again.
    const c = await instance();
    expect(await c.isRevoked(token(during))).toBe(true);
    const after = fresh('s');
    await b.revokeSessions([after], inMinutes(15));
    await eventually(async () => ((await a.isRevoked(token(after))) ? true : null), 2_000);
    await eventually(async () => ((await c.isRevoked(token(after))) ? true : null), 2_000);
  });

  it('announces on the revocations channel', async () => {
    const a = await instance();
    const listener = connectRedis(redis.url, testLog, 'revocations-listener');
    connections.push(listener);
    await redisReady(listener);
    const heard: string[] = [];
    listener.on('message', (_channel: string, message: string) => heard.push(message));
    await listener.subscribe(REVOCATIONS_CHANNEL);
    const session = fresh('s');
    await a.revokeSessions([session], inMinutes(15));
    const [message] = await eventually(() => Promise.resolve(heard.length > 0 ? heard : null));
    expect(JSON.parse(message ?? '{}')).toMatchObject({ kind: 'sessions', ids: [session] });
  });
});
