import type { Client } from 'graphql-ws';
import type Redis from 'ioredis';
import { demoViewer, eventually, testConfig, testLog } from '../../test/helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../test/redis-server';
import { subscribe, tokenFor, wsClient } from '../../test/ws';
import { buildBookingSubgraph } from '../booking/subgraph';
import { buildSupportSubgraph } from '../support/subgraph';
import type { CampusConfig } from './config';
import { connectRedis, redisReady } from './redis/connection';
import { RedisPubSub } from './redis-pubsub';
import type { RunnableSubgraph } from './server';

// What a client of a subgraph sees when the Redis PubSub under its subscription is lost:
// the subscription ends with an error saying to subscribe again with `after` (graphql-ws
// `error` message; the gateway passes code and reason on), never a silent completion.

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

describeWithRedis('subscriptions on the Redis PubSub when Redis is lost', () => {
  let redis: TestRedis;
  let config: CampusConfig;
  const connections: Redis[] = [];
  const pubsubs: RedisPubSub[] = [];
  const services: RunnableSubgraph[] = [];
  const urls: string[] = [];
  const clients: Client[] = [];

  const pubsub = (name: string): RedisPubSub => {
    const publisher = connectRedis(redis.url, testLog, `${name}-publisher`);
    const subscriber = connectRedis(redis.url, testLog, `${name}-subscriber`);
    connections.push(publisher, subscriber);
    const made = new RedisPubSub({ publisher, subscriber, log: testLog });
    pubsubs.push(made);
    return made;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    config = await testConfig();
    const booking = buildBookingSubgraph(config, testLog, { pubsub: pubsub('booking') });
    const support = buildSupportSubgraph(config, testLog, { pubsub: pubsub('support') });
    await Promise.all(connections.map((connection) => redisReady(connection)));
    for (const service of [booking, support]) {
      await service.start();
      urls.push(await service.listen(0));
      services.push(service);
    }
  });
  afterAll(async () => {
    // Back up first: connections closed while reconnecting keep jest waiting for a while.
    if (redis && connections.some((connection) => connection.status !== 'ready')) {
      await redis.start();
      await Promise.all(connections.map((connection) => redisReady(connection, 10_000)));
    }
    for (const connection of connections) connection.disconnect();
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(services.map((service) => service.stop()));
    await redis?.stop();
  });

  it('bookingUpdated and supportQueueUpdated end with SUBSCRIPTION_INTERRUPTED', async () => {
    const [bookingUrl, supportUrl] = urls as [string, string];
    const admin = demoViewer('admin');
    const client = (url: string) => async () => {
      const made = wsClient(url, {
        token: await tokenFor(config, admin),
        gatewaySecret: config.gatewaySecret,
      });
      clients.push(made);
      return made;
    };
    const bookings = subscribe(
      await client(bookingUrl)(),
      'subscription { bookingUpdated { id } }',
    );
    const queue = subscribe(
      await client(supportUrl)(),
      'subscription { supportQueueUpdated { id } }',
    );
    // Both listening through Redis.
    await eventually(() =>
      Promise.resolve(pubsubs.every((made) => made.listenerCount() === 1) ? true : null),
    );

    await redis.kill();
    for (const subscription of [bookings, queue]) {
      const { error } = await subscription.ended;
      expect(error).toEqual([
        {
          message: expect.stringMatching(/Subscribe again \(with `after`/) as unknown,
          extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SUBSCRIPTION_INTERRUPTED' },
        },
      ]);
      expect(subscription.results).toHaveLength(0);
    }
    await eventually(() =>
      Promise.resolve(pubsubs.every((made) => made.listenerCount() === 0) ? true : null),
    );
  });
});
