import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { eventually, testLog } from '../../test/helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../test/redis-server';
import { WakeUps } from '../support/services/wake-ups';
import { connectRedis, redisReady } from './redis/connection';
import { RedisPubSub, pubsubChannel } from './redis-pubsub';

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

interface Notice {
  n: number;
}

describeWithRedis('RedisPubSub', () => {
  let redis: TestRedis;
  let probe: Redis;
  const connections: Redis[] = [];
  let counter = 0;
  let sequence = 0;
  const freshTopic = () => `test:${Date.now()}:${(sequence += 1)}`;

  async function instance(): Promise<RedisPubSub> {
    counter += 1;
    const publisher = connectRedis(redis.url, testLog, `pubsub-${counter}`);
    const subscriber = connectRedis(redis.url, testLog, `pubsub-sub-${counter}`);
    connections.push(publisher, subscriber);
    await Promise.all([redisReady(publisher), redisReady(subscriber)]);
    return new RedisPubSub({ publisher, subscriber, log: testLog });
  }

  /** Subscribers Redis counts on a channel (every instance's connection together). */
  const subscribersOf = async (topic: string): Promise<number> => {
    const reply = (await probe.call('PUBSUB', 'NUMSUB', pubsubChannel(topic))) as [string, number];
    return Number(reply[1]);
  };
  const until = (predicate: () => Promise<boolean> | boolean) =>
    eventually(async () => ((await predicate()) ? true : null), 5_000);

  beforeAll(async () => {
    redis = await startTestRedis();
    probe = connectRedis(redis.url, testLog, 'pubsub-probe');
    await redisReady(probe);
  });
  afterAll(async () => {
    for (const connection of [probe, ...connections]) connection?.disconnect();
    await redis?.stop();
  });
  beforeEach(async () => {
    if (probe.status !== 'ready') {
      await redis.start();
      await Promise.all([probe, ...connections].map((r) => redisReady(r, 10_000)));
    }
  });

  it('a publish through A reaches every subscriber on B, in order', async () => {
    const [a, b] = [await instance(), await instance()];
    const topic = freshTopic();
    const first = b.subscribe<Notice>(topic);
    const second = b.subscribe<Notice>(topic);
    const firstNext = first.next();
    const secondNext = second.next();
    // One SUBSCRIBE for the two listeners of this process.
    await until(async () => (await subscribersOf(topic)) === 1);
    expect(b.listenerCount()).toBe(2);

    await a.publish<Notice>(topic, { n: 1 });
    await a.publish<Notice>(topic, { n: 2 });
    expect(await firstNext).toEqual({ value: { n: 1 }, done: false });
    expect(await secondNext).toEqual({ value: { n: 1 }, done: false });
    expect(await first.next()).toEqual({ value: { n: 2 }, done: false });
    expect(await second.next()).toEqual({ value: { n: 2 }, done: false });
    // Another topic is not heard.
    const other = freshTopic();
    await a.publish<Notice>(other, { n: 3 });
    await a.publish<Notice>(topic, { n: 4 });
    expect(await first.next()).toEqual({ value: { n: 4 }, done: false });

    await first.return?.();
    await second.return?.();
  });

  it('unsubscribing cleans up: no listener left, the channel unsubscribed when the last leaves', async () => {
    const [a, b] = [await instance(), await instance()];
    const topic = freshTopic();
    const first = b.subscribe<Notice>(topic);
    const second = b.subscribe<Notice>(topic);
    const pending = first.next();
    void second.next();
    await until(async () => (await subscribersOf(topic)) === 1);

    await second.return?.();
    expect(b.listenerCount()).toBe(1);
    expect(await subscribersOf(topic)).toBe(1);
    await a.publish<Notice>(topic, { n: 1 });
    expect(await pending).toEqual({ value: { n: 1 }, done: false });

    await first.return?.();
    expect(b.listenerCount()).toBe(0);
    await until(async () => (await subscribersOf(topic)) === 0);
    expect(await first.next()).toEqual({ value: undefined, done: true });

    // Subscribing again works, with a new SUBSCRIBE.
    const again = b.subscribe<Notice>(topic);
    const next = again.next();
    await until(async () => (await subscribersOf(topic)) === 1);
    await a.publish<Notice>(topic, { n: 2 });
    expect(await next).toEqual({ value: { n: 2 }, done: false });
    await again.return?.();
    await until(async () => (await subscribersOf(topic)) === 0);
    expect(b.listenerCount()).toBe(0);
  });

  it('Redis lost: every open iterator ends with SUBSCRIPTION_INTERRUPTED; new ones work once it is back', async () => {
    const [a, b] = [await instance(), await instance()];
    const topics = [freshTopic(), freshTopic()];
    const iterators = [
      b.subscribe<Notice>(topics[0] ?? ''),
      b.subscribe<Notice>(topics[0] ?? ''),
      b.subscribe<Notice>(topics[1] ?? ''),
    ];
    const pending = iterators.map((iterator) => iterator.next());
    // Support's subscriptions read their topic through WakeUps: the error reaches them too.
    const wakeUps = WakeUps.of<Notice>(b, topics[1] ?? '', (notice) => String(notice.n));
    const wakeUp = wakeUps.next();
    for (const topic of topics) await until(async () => (await subscribersOf(topic)) === 1);
    expect(b.listenerCount()).toBe(4);

    const settled = Promise.allSettled([...pending, wakeUp]);
    await redis.kill();
    const results = await settled;
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as unknown;
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        reason: 'SUBSCRIPTION_INTERRUPTED',
      });
      expect((error as GraphQLError).message).toMatch(/Subscribe again \(with `after`/);
    }
    // Ended for good, and detached.
    for (const iterator of iterators) {
      expect(await iterator.next()).toEqual({ value: undefined, done: true });
    }
    expect(await wakeUps.next()).toEqual({ value: undefined, done: true });
    expect(b.listenerCount()).toBe(0);

    // While Redis is down: a new subscription ends at once, a publish rejects.
    await expect(b.subscribe<Notice>(freshTopic()).next()).rejects.toMatchObject({
      extensions: { reason: 'SUBSCRIPTION_INTERRUPTED' },
    });
    await expect(a.publish<Notice>(freshTopic(), { n: 0 })).rejects.toThrow();
    expect(b.listenerCount()).toBe(0);

    // Back: nothing stale is resubscribed, and new subscriptions work.
    await redis.start();
    await Promise.all([probe, ...connections].map((r) => redisReady(r, 10_000)));
    for (const topic of topics) expect(await subscribersOf(topic)).toBe(0);
    const again = b.subscribe<Notice>(topics[0] ?? '');
    const next = again.next();
    await until(async () => (await subscribersOf(topics[0] ?? '')) === 1);
    await a.publish<Notice>(topics[0] ?? '', { n: 5 });
    expect(await next).toEqual({ value: { n: 5 }, done: false });
    await again.return?.();
    expect(b.listenerCount()).toBe(0);
  });
});
