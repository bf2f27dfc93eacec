import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { execute, testConfig, testLog } from '../../test/helpers';
import {
  redisServerAvailable,
  type TestRedis,
  commandCalls,
  noticedDown,
  startRedisForTwoInstances,
  type RedisForTwoInstances,
} from '../../test/redis-server';
import type { Viewer } from '../shared/auth/viewer';
import { sqlLoggerOf } from '../shared/db/data-source';
import { redisReady } from '../shared/redis/connection';
import type { SubgraphService } from '../shared/server';
import type { JsonCache } from '../shared/cache/json-cache';
import { InProcessEventBus } from '../shared/events/in-process-bus';
import { Profile } from './entities/profile';
import type { Loaders } from './loaders';
import { PROFILE_CACHE_PREFIX, PROFILE_CACHE_TTL_MS, profileCache } from './profile-cache';
import { buildUsersSubgraph } from './subgraph';
import { deliver, registeredEvent } from './test-kit';

// Two users instances (as two processes would be), one PostgreSQL, one real Redis: each
// instance has its own connection, as each process has.

const USER = `query($id: ID!) { user(id: $id) { id firstName lastName name avatarUrl bio } }`;
const ENTITIES = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on User { id firstName } }
}`;
const UPDATE = `mutation($input: UpdateProfileInput!) {
  updateMyProfile(input: $input) { id firstName bio } }`;

interface UserResult {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  avatarUrl: string | null;
  bio: string | null;
}
type Service = SubgraphService<Loaders>;

const viewerOf = (id: string): Viewer => ({
  id,
  role: 'STUDENT',
  sessionId: randomUUID(),
  tokenId: randomUUID(),
});

function cacheOf(redis: Redis): JsonCache<Profile> {
  const cache = profileCache(redis, testLog);
  if (!cache) throw new Error('no cache without Redis');
  return cache;
}

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

describeWithRedis('users profile cache (Redis)', () => {
  let redis: TestRedis;
  let probe: Redis;
  let redisA: Redis;
  let redisB: Redis;
  let shared: RedisForTwoInstances | undefined;
  let a: Service;
  let b: Service;

  const run = <D>(service: Service, query: string, variables: object, viewer?: Viewer) =>
    execute<D, Loaders>(service, query, { variables: { ...variables }, viewer });
  const userVia = async (service: Service, id: string): Promise<UserResult | null> => {
    const result = await run<{ user: UserResult | null }>(service, USER, { id });
    expect(result.errors).toBeUndefined();
    return result.data?.user ?? null;
  };
  /** Runs `operation` and counts the SQL statements `service` sent for it. */
  const measure = async <T>(service: Service, operation: () => Promise<T>) => {
    const sql = sqlLoggerOf(service.dataSource);
    sql.reset();
    const result = await operation();
    return { result, statements: sql.statements };
  };
  /** New profiles, created as user.registered would create them (through instance A). */
  const register = async (count: number, firstName = 'Cached'): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await deliver(
      a,
      ...ids.map((userId, i) => registeredEvent({ userId, firstName, lastName: `No${i}` })),
    );
    return ids;
  };

  beforeAll(async () => {
    shared = await startRedisForTwoInstances('users');
    ({ server: redis, probe, a: redisA, b: redisB } = shared);
    const config = await testConfig();
    // Each its own bus, as each process has; profiles are delivered by hand (test-kit).
    a = buildUsersSubgraph(config, testLog, { redis: redisA, bus: new InProcessEventBus(testLog) });
    b = buildUsersSubgraph(config, testLog, { redis: redisB, bus: new InProcessEventBus(testLog) });
    await a.start();
    await b.start();
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await shared?.close();
  });
  beforeEach(async () => {
    await shared?.ensureUp();
  });

  it('reads a change made through instance A at once through instance B', async () => {
    const [id] = (await register(1, 'Before')) as [string];
    expect((await userVia(b, id))?.firstName).toBe('Before');
    // B has it cached now: a second read costs no statement.
    expect(await probe.exists(`${PROFILE_CACHE_PREFIX}${id}`)).toBe(1);
    expect((await measure(b, () => userVia(b, id))).statements).toBe(0);

    const updated = await run<{ updateMyProfile: { firstName: string } }>(
      a,
      UPDATE,
      { input: { firstName: 'After', bio: 'Changed on A' } },
      viewerOf(id),
    );
    expect(updated.errors).toBeUndefined();

    const read = await userVia(b, id);
    expect(read).toMatchObject({ firstName: 'After', name: `After No0`, bio: 'Changed on A' });
    expect((await userVia(a, id))?.firstName).toBe('After');
  });

  it('revives Dates: a cached profile reads exactly as one from PostgreSQL', async () => {
    const [id] = (await register(1)) as [string];
    const load = () => b.contextFor(null).loaders.profileById.load(id);
    const cold = await measure(b, load);
    const warm = await measure(b, load);
    expect([cold.statements, warm.statements]).toEqual([1, 0]);
    const row = await b.dataSource.getRepository(Profile).findOneByOrFail({ id });
    expect(cold.result).toEqual(row);
    expect(warm.result).toEqual(row);
    expect(warm.result).toBeInstanceOf(Profile);
    const [cached] = await cacheOf(redisB).getMany([id]);
    expect(cached?.createdAt).toBeInstanceOf(Date);
    expect(cached?.updatedAt).toBeInstanceOf(Date);
    const ttl = await probe.pttl(`${PROFILE_CACHE_PREFIX}${id}`);
    expect(ttl).toBeGreaterThan(PROFILE_CACHE_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(PROFILE_CACHE_TTL_MS);
  });

  it('costs one MGET for 100 references, and no SQL statement once warm', async () => {
    const ids = await register(100);
    const reps = ids.map((id) => ({ __typename: 'User', id }));
    const expected = ids.map((id) => ({ id, firstName: 'Cached' }));
    const batch = () =>
      run<{ _entities: { id: string; firstName: string }[] }>(b, ENTITIES, { reps });

    await probe.config('RESETSTAT');
    const cold = await measure(b, batch);
    expect(cold.result.data?._entities).toEqual(expected);
    expect(cold.statements).toBe(1);
    expect(await commandCalls(probe, 'mget')).toBe(1);
    expect(await commandCalls(probe, 'set')).toBe(100);

    await probe.config('RESETSTAT');
    const warm = await measure(b, batch);
    expect(warm.result.data?._entities).toEqual(expected);
    expect(warm.statements).toBe(0);
    expect(await commandCalls(probe, 'mget')).toBe(1);
    expect(await commandCalls(probe, 'set')).toBe(0);
  });

  it('loads only the misses of a partly warm batch, in one statement', async () => {
    const ids = await register(10);
    await run(b, ENTITIES, { reps: ids.slice(0, 6).map((id) => ({ __typename: 'User', id })) });
    await probe.config('RESETSTAT');
    const mixed = await measure(b, () =>
      run<{ _entities: { id: string }[] }>(b, ENTITIES, {
        reps: ids.map((id) => ({ __typename: 'User', id })),
      }),
    );
    expect(mixed.result.data?._entities.map((e) => e.id)).toEqual(ids);
    expect(mixed.statements).toBe(1);
    expect(await commandCalls(probe, 'mget')).toBe(1);
    expect(await commandCalls(probe, 'set')).toBe(4);
  });

  it('never caches a profile that does not exist yet', async () => {
    const id = randomUUID();
    expect((await userVia(b, id)) ?? null).toBeNull();
    expect(await probe.exists(`${PROFILE_CACHE_PREFIX}${id}`)).toBe(0);
    await deliver(a, registeredEvent({ userId: id, firstName: 'Late', lastName: 'Comer' }));
    expect((await userVia(b, id))?.name).toBe('Late Comer');
  });

  it('keeps a fill that read the old row out once a change is invalidated', async () => {
    const [id] = (await register(1, 'Old')) as [string];
    const cache = cacheOf(redisB);
    const stale = await b.dataSource.getRepository(Profile).findOneByOrFail({ id });
    // A changes the profile and invalidates after B read the old row but before B wrote it.
    await run(a, UPDATE, { input: { firstName: 'New' } }, viewerOf(id));
    await cache.setMany([[id, stale]]);
    expect((await cache.getMany([id]))[0]).toBeUndefined();
    expect((await userVia(b, id))?.firstName).toBe('New');
  });

  it('answers from PostgreSQL while Redis is down, and uses it again once back', async () => {
    const ids = await register(20);
    const reps = ids.map((id) => ({ __typename: 'User', id }));
    await run(b, ENTITIES, { reps }); // warm
    await redis.kill();
    await Promise.all([redisA, redisB].map(noticedDown));

    const down = await measure(b, () =>
      run<{ _entities: { id: string; firstName: string }[] }>(b, ENTITIES, { reps }),
    );
    expect(down.result.errors).toBeUndefined();
    expect(down.result.data?._entities).toEqual(ids.map((id) => ({ id, firstName: 'Cached' })));
    expect(down.statements).toBe(1);

    // Writes work too (their invalidation is skipped), and reads see them.
    const [first] = ids as [string];
    const updated = await run<{ updateMyProfile: { firstName: string } }>(
      a,
      UPDATE,
      { input: { firstName: 'Offline' } },
      viewerOf(first),
    );
    expect(updated.errors).toBeUndefined();
    expect((await userVia(b, first))?.firstName).toBe('Offline');

    // Back (empty, nothing persisted): the first read fills it, the next costs no SQL.
    await redis.start();
    await Promise.all([probe, redisA, redisB].map((r) => redisReady(r, 10_000)));
    expect((await measure(b, () => run(b, ENTITIES, { reps }))).statements).toBe(1);
    expect((await measure(b, () => run(b, ENTITIES, { reps }))).statements).toBe(0);
  });
});
