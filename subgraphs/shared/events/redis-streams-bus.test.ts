import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { eventually, execute, testLog } from '../../../test/helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../../../test/redis-server';
import { startSubgraphs, type StartedSubgraphs } from '../../../test/subgraphs';
import type { Loaders as AuthLoaders } from '../../auth/loaders';
import type { Loaders as UsersLoaders } from '../../users/loaders';
import { connectRedis, redisReady } from '../redis/connection';
import type { SubgraphService } from '../server';
import type { EventConsumer } from './bus';
import type { DomainEvent, EventType } from './catalog';
import { applyOnce } from './consumer';
import { Outbox } from './outbox';
import { createEventPublisher } from './publisher';
import { RedisStreamsEventBus, type RedisStreamsEventBusOptions } from './redis-streams-bus';
import { RELAY_CURSOR_GROUP, parseEntries, redisKeys } from './redis-streams-shared';

/**
 * The Redis Streams transport across "processes": each bus instance stands for one, with
 * a real redis-server and the real auth (producer) and users (consumer) subgraphs.
 */
const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

const STREAM = redisKeys.stream('auth');

/** A consumer group of its own that records what it was handed and what it applied. */
function recorder(
  group: string,
  db: DataSource,
  types: readonly EventType[] = ['user.registered'],
) {
  const delivered: string[] = [];
  const applied: string[] = [];
  const consumer: EventConsumer = {
    group,
    types,
    async handle(event) {
      delivered.push(event.id);
      // processed_events of the users schema, as a users consumer would use it.
      if (await applyOnce(db, 'users', group, event, async () => undefined)) {
        applied.push(event.id);
      }
    },
  };
  return { consumer, delivered, applied };
}

const only = (ids: readonly string[], wanted: readonly string[]): string[] =>
  ids.filter((id) => wanted.includes(id));

const count = (ids: readonly string[], id: string): number => ids.filter((x) => x === id).length;

describeWithRedis('RedisStreamsEventBus', () => {
  let redis: TestRedis;
  let inspect: Redis;
  const buses: RedisStreamsEventBus[] = [];
  let producerBus: RedisStreamsEventBus;
  let auth: StartedSubgraphs<'auth'>;
  let users: StartedSubgraphs<'users'>;
  let outbox: Outbox;

  const newBus = (options: Partial<RedisStreamsEventBusOptions> = {}) => {
    const bus = new RedisStreamsEventBus({
      redisUrl: redis.url,
      log: testLog,
      claimIdleMs: 1_000,
      ...options,
    });
    buses.push(bus);
    return bus;
  };

  /** Records events in auth's outbox, one transaction each, in order; wakes the relays. */
  const produce = async (n: number, type: EventType = 'user.registered'): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const userId = randomUUID();
      const event = await auth.auth.dataSource.transaction((manager): Promise<DomainEvent> =>
        type === 'user.registered'
          ? outbox.append(manager, 'user.registered', {
              userId,
              email: `redis-${userId}@campus.test`,
              firstName: 'Redis',
              lastName: `Event${i}`,
              role: 'STUDENT',
            })
          : outbox.append(manager, 'user.access-changed', {
              userId,
              role: 'STUDENT',
              status: 'ACTIVE',
              version: 1,
            }),
      );
      ids.push(event.id);
    }
    for (const bus of buses) bus.notify('auth');
    return ids;
  };

  /** The auth stream's entries of `ids`, in stream order. */
  const published = async (ids: readonly string[]) => {
    const entries = parseEntries(STREAM, await inspect.call('XRANGE', STREAM, '-', '+'));
    return entries.filter((entry) => entry.fields && ids.includes(entry.fields.id ?? ''));
  };

  const pendingCount = async (group: string): Promise<number> => {
    const reply = (await inspect.call('XPENDING', STREAM, group)) as [number, ...unknown[]];
    return reply[0];
  };

  const nameOf = async (users: SubgraphService<UsersLoaders>, id: string) => {
    const result = await execute<{ user: { name: string } | null }, UsersLoaders>(
      users,
      `query($id: ID!) { user(id: $id) { name } }`,
      { variables: { id } },
    );
    return result.data?.user?.name ?? null;
  };

  const signUp = async (firstName: string) => {
    const result = await execute<{ signUp: { user: { id: string } } }, AuthLoaders>(
      auth.auth,
      `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
      {
        variables: {
          input: {
            email: `redis-${randomUUID()}@campus.test`,
            password: 'long-enough-password',
            firstName,
            lastName: 'Redis',
          },
        },
      },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.signUp.user.id;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    inspect = connectRedis(redis.url, testLog, 'test-inspect');
    await redisReady(inspect);
    // Two "processes": auth publishes through one bus, users consumes through another.
    producerBus = newBus();
    auth = await startSubgraphs(['auth'], { seed: false, runtime: { bus: producerBus } });
    users = await startSubgraphs(['users'], { seed: false, runtime: { bus: newBus() } });
    outbox = new Outbox('auth', auth.auth.dataSource);
    // users.profiles has a live member once its first heartbeat is in.
    await eventually(async () =>
      (await inspect.zcard(redisKeys.groupMembers('users.profiles'))) > 0 ? true : null,
    );
  });

  afterAll(async () => {
    await users?.stop();
    await auth?.stop();
    await Promise.all(buses.map((bus) => bus.close()));
    inspect?.disconnect();
    await redis?.stop();
  });

  it('applies an event produced through one instance on another, and the producer can wait for it', async () => {
    const publisher = createEventPublisher('auth', outbox, producerBus, 10_000);
    const userId = randomUUID();
    const event = await auth.auth.dataSource.transaction((manager) =>
      publisher.record(manager, 'user.registered', {
        userId,
        email: `redis-${userId}@campus.test`,
        firstName: 'Across',
        lastName: 'Instances',
        role: 'STUDENT',
      }),
    );
    expect(await publisher.committed([event])).toBe(true);
    // Read-your-writes: applied by the time the wait returned.
    expect(await nameOf(users.users, userId)).toBe('Across Instances');

    // Through the real mutation, too.
    const id = await signUp('Mutation');
    expect(await nameOf(users.users, id)).toBe('Mutation Redis');
  });

  it('waits only for groups with a live member, and reports a timeout', async () => {
    const event = { id: randomUUID(), type: 'user.registered' as const };
    // Nobody consumes as this group: nothing to wait for.
    expect(await producerBus.waitUntilApplied([event], () => ['nobody.listens'], 5_000)).toBe(true);
    // users.profiles is live but never sees this id.
    expect(await producerBus.waitUntilApplied([event], () => ['users.profiles'], 200)).toBe(false);
  });

  it('applies each event once in a group with two members', async () => {
    const group = `test.pair.${randomUUID()}`;
    const first = recorder(group, users.users.dataSource);
    const second = recorder(group, users.users.dataSource);
    // Claiming on: a member must not take over what the other holds, even on a loaded machine.
    newBus({ claimIdleMs: 2_000 }).subscribe(first.consumer);
    newBus({ claimIdleMs: 2_000 }).subscribe(second.consumer);

    const ids = await produce(20);
    const skipped = await produce(1, 'user.access-changed');
    await eventually(async () =>
      only([...first.applied, ...second.applied], ids).length === ids.length ? true : null,
    );
    await eventually(async () => ((await pendingCount(group)) === 0 ? true : null));

    const applied = only([...first.applied, ...second.applied], ids);
    const delivered = only([...first.delivered, ...second.delivered], ids);
    expect([...applied].sort()).toEqual([...ids].sort());
    // The stream holds each event once, so what follows is about the consumers alone.
    expect((await published(ids)).map((entry) => entry.fields?.id)).toEqual(ids);
    // Each entry reached one member's handler once: nothing failed, so nothing is redelivered.
    expect([...delivered].sort()).toEqual([...ids].sort());
    // A type the group does not consume is acknowledged without reaching the handler.
    expect(only([...first.delivered, ...second.delivered], skipped)).toEqual([]);
  });

  it('hands each entry to one member once, even when handling outlasts the claim idle time', async () => {
    const group = `test.slow.${randomUUID()}`;
    const handled: string[] = [];
    const applied: string[] = [];
    const inFlight = new Set<string>();
    const overlapping: string[] = [];
    // The first event alone outlasts claimIdleMs, and the batch behind it waits longer still:
    // the idle member must not claim what the busy one holds.
    let slowest = true;
    const member = (): EventConsumer => ({
      group,
      types: ['user.registered'],
      async handle(event) {
        handled.push(event.id);
        if (inFlight.has(event.id)) overlapping.push(event.id);
        inFlight.add(event.id);
        const ms = slowest ? 3_000 : 300;
        slowest = false;
        await new Promise((resolve) => setTimeout(resolve, ms));
        if (await applyOnce(users.users.dataSource, 'users', group, event, async () => undefined)) {
          applied.push(event.id);
        }
        inFlight.delete(event.id);
      },
    });
    // The group starts here, and the events are in the stream before either member reads:
    // the first read takes them all in one batch.
    await inspect.call('XGROUP', 'CREATE', STREAM, group, '$', 'MKSTREAM');
    const ids = await produce(12);
    await eventually(async () => ((await published(ids)).length === ids.length ? true : null));
    newBus({ claimIdleMs: 2_000 }).subscribe(member());
    newBus({ claimIdleMs: 2_000 }).subscribe(member());

    await eventually(async () => (only(applied, ids).length === ids.length ? true : null), 30_000);
    await eventually(async () => ((await pendingCount(group)) === 0 ? true : null));
    // A claim that came late would show up a little after.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    expect([...only(handled, ids)].sort()).toEqual([...ids].sort());
    expect([...only(applied, ids)].sort()).toEqual([...ids].sort());
    expect(only(overlapping, ids)).toEqual([]);
  });

  it('acknowledges without handling again an entry its group already applied (an ack that did not land)', async () => {
    const group = `test.applied.${randomUUID()}`;
    await inspect.call('XGROUP', 'CREATE', STREAM, group, '$', 'MKSTREAM');
    const [done, fresh] = await produce(2);
    if (!done || !fresh) throw new Error('no events produced');
    await eventually(async () => ((await published([done, fresh])).length === 2 ? true : null));
    // As a member leaves it: handled and marked applied, but the XACK was lost.
    await inspect.set(redisKeys.applied(group, done), '1', 'PX', 60_000);
    const member = recorder(group, users.users.dataSource);
    newBus().subscribe(member.consumer);

    await eventually(async () => (member.applied.includes(fresh) ? true : null));
    await eventually(async () => ((await pendingCount(group)) === 0 ? true : null));
    expect(only(member.delivered, [done, fresh])).toEqual([fresh]);
  });

  it('claims the entries of a member that died before acknowledging them', async () => {
    const group = `test.claim.${randomUUID()}`;
    await inspect.call('XGROUP', 'CREATE', STREAM, group, '$', 'MKSTREAM');
    const ids = await produce(3);
    // The "dead" member reads the entries and never acknowledges them.
    const taken: string[] = [];
    await eventually(async () => {
      const reply = await inspect.call(
        'XREADGROUP',
        'GROUP',
        group,
        'dead-member',
        'COUNT',
        10,
        'STREAMS',
        STREAM,
        '>',
      );
      for (const [, entries] of (reply as [string, unknown][] | null) ?? []) {
        for (const entry of parseEntries(STREAM, entries)) taken.push(entry.fields?.id ?? '');
      }
      return only(taken, ids).length === ids.length ? true : null;
    });
    expect(await pendingCount(group)).toBe(ids.length);

    const survivor = recorder(group, users.users.dataSource);
    newBus({ claimIdleMs: 1_000 }).subscribe(survivor.consumer);
    await eventually(async () => (only(survivor.applied, ids).length === 3 ? true : null));
    await eventually(async () => ((await pendingCount(group)) === 0 ? true : null));

    for (const id of ids) {
      expect(count(survivor.applied, id)).toBe(1);
      expect(count(survivor.delivered, id)).toBe(1);
    }
  });

  it('retries a failing handler with backoff and acknowledges only once it succeeded', async () => {
    const group = `test.retry.${randomUUID()}`;
    const [id] = await produce(1);
    if (!id) throw new Error('no event produced');
    const attempts: string[] = [];
    const applied: string[] = [];
    newBus().subscribe({
      group,
      types: ['user.registered'],
      async handle(event) {
        if (event.id === id) {
          attempts.push(event.id);
          if (attempts.length <= 2) throw new Error('not yet');
        }
        if (await applyOnce(users.users.dataSource, 'users', group, event, async () => undefined)) {
          applied.push(event.id);
        }
      },
    });
    await eventually(async () => (attempts.length >= 1 ? true : null));
    // Not acknowledged while it fails.
    expect(await pendingCount(group)).toBeGreaterThanOrEqual(1);
    expect(applied).not.toContain(id);

    await eventually(async () => (applied.includes(id) ? true : null));
    await eventually(async () => ((await pendingCount(group)) === 0 ? true : null));
    expect(attempts).toHaveLength(3);
    expect(count(applied, id)).toBe(1);
  });

  it('close waits for the handler in flight, which is then acknowledged', async () => {
    const group = `test.close.${randomUUID()}`;
    const [id] = await produce(1);
    if (!id) throw new Error('no event produced');
    let started = false;
    let finished = false;
    const bus = newBus();
    bus.subscribe({
      group,
      types: ['user.registered'],
      async handle(event) {
        if (event.id !== id) return;
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 500));
        finished = true;
      },
    });
    await eventually(async () => (started ? true : null));
    await bus.close();
    expect(finished).toBe(true);
    expect(await pendingCount(group)).toBe(0);
  });

  it('publishes only while holding the relay lock', async () => {
    // Another instance holds the lock (and stops renewing it, as a crashed one would).
    await inspect.set(redisKeys.relayLock('auth'), 'crashed-instance', 'PX', 4_000);
    const ids = await produce(3);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await published(ids)).toHaveLength(0);

    // Once it lapses, the relay takes over and publishes, in order.
    await eventually(async () => ((await published(ids)).length === ids.length ? true : null));
    const entries = await published(ids);
    expect(entries.map((entry) => entry.fields?.id)).toEqual(ids);
    expect(new Set(entries.map((entry) => entry.fields?.publishedBy))).toEqual(
      new Set([producerBus.instanceId]),
    );
  });

  it('does not append again what the stream has when the relay starts over from a saved cursor behind it', async () => {
    const before = await outbox.loadCursor(RELAY_CURSOR_GROUP);
    const ids = await produce(3);
    await eventually(async () => ((await published(ids)).length === ids.length ? true : null));
    await eventually(async () =>
      (await outbox.loadCursor(RELAY_CURSOR_GROUP)).txid !== before.txid ? true : null,
    );
    // As after a publication whose reply was lost, or a crash before the cursor was saved:
    // the relay loses the lock, and takes it again with its saved cursor behind the stream.
    await inspect.set(redisKeys.relayLock('auth'), 'someone-else', 'PX', 1_500);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await outbox.saveCursor(RELAY_CURSOR_GROUP, before);
    await eventually(async () =>
      (await outbox.loadCursor(RELAY_CURSOR_GROUP)).txid !== before.txid ? true : null,
    );
    expect((await published(ids)).map((entry) => entry.fields?.id)).toEqual(ids);
  });

  it('keeps events in the outbox while Redis is down and delivers them, in order, once it is back', async () => {
    const group = `test.outage.${randomUUID()}`;
    const member = recorder(group, users.users.dataSource);
    newBus().subscribe(member.consumer);
    const before = await produce(2);
    await eventually(async () => (only(member.applied, before).length === 2 ? true : null));

    await redis.kill();
    const during = await produce(5);
    // The mutation still succeeds; it cannot wait for anyone.
    const userId = await signUp('Outage');
    const duringAll = [...during];
    const [signUpEvent] = await eventually(async () => {
      const rows = (await auth.auth.dataSource.query(
        `SELECT "id" FROM "auth"."outbox" WHERE "payload"->>'userId' = $1`,
        [userId],
      )) as { id: string }[];
      return rows.length > 0 ? rows.map((row) => row.id) : null;
    });
    if (signUpEvent) duringAll.push(signUpEvent);
    // Let the relay and the consumers fail a few times.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Nothing was marked published while Redis was down.
    const cursor = await outbox.loadCursor(RELAY_CURSOR_GROUP);
    const unpublished = (await outbox.readAfter(cursor, ['user.registered'], 1_000)).map(
      (record) => record.event.id,
    );
    expect(only(unpublished, duringAll)).toEqual(duringAll);

    await redis.start();
    await eventually(
      async () => (only(member.applied, duringAll).length === duringAll.length ? true : null),
      30_000,
    );
    // In order, each once (Redis came back empty: the relay published the outbox again,
    // and the consumer applied only what it had not applied before).
    expect(only(member.applied, duringAll)).toEqual(duringAll);
    expect(new Set(member.applied).size).toBe(member.applied.length);
    expect(await eventually(() => nameOf(users.users, userId), 30_000)).toBe('Outage Redis');
  });

  it('publishes through one relay at a time, in outbox order, and fails over', async () => {
    // The auth service's relay steps aside; two other instances attach the same outbox.
    await producerBus.close();
    const one = newBus();
    const two = newBus();
    const detachOne = one.attachOutbox(new Outbox('auth', auth.auth.dataSource));
    two.attachOutbox(new Outbox('auth', auth.auth.dataSource));

    const ids = await produce(10);
    await eventually(async () => ((await published(ids)).length === ids.length ? true : null));
    // A little longer: a second relay would have published them again by now.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const entries = await published(ids);
    expect(entries.map((entry) => entry.fields?.id)).toEqual(ids);
    const publishers = new Set(entries.map((entry) => entry.fields?.publishedBy));
    expect(publishers.size).toBe(1);

    // The publishing instance stops: the other takes over where it left off.
    const [leader] = [...publishers];
    const follower = leader === one.instanceId ? two : one;
    if (leader === one.instanceId) await detachOne();
    else await two.close();
    const more = await produce(5);
    await eventually(async () => ((await published(more)).length === more.length ? true : null));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const next = await published(more);
    expect(next.map((entry) => entry.fields?.id)).toEqual(more);
    expect(new Set(next.map((entry) => entry.fields?.publishedBy))).toEqual(
      new Set([follower.instanceId]),
    );
    // Nothing published before was published again.
    expect(await published(ids)).toHaveLength(ids.length);
  });
});
