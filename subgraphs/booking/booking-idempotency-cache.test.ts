import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { errorCodes, execute, testConfig, testLog, type Result } from '../../test/helpers';
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
import { InProcessEventBus } from '../shared/events/in-process-bus';
import { redisReady } from '../shared/redis/connection';
import type { SubgraphService } from '../shared/server';
import type { Loaders } from './loaders';
import {
  REGISTRATION_CACHE_PREFIX,
  REGISTRATION_CACHE_TTL_MS,
} from './services/registration-cache';
import { buildBookingSubgraph } from './subgraph';
import { freshCourse } from './test-kit';

// Two booking instances (as two processes would be), one PostgreSQL, one real Redis.

const REGISTER = `mutation($input: RegisterForCourseInput!) {
  registerForCourse(input: $input) { id status course { id } user { id } } }`;

interface Registered {
  id: string;
  status: string;
  course: { id: string };
  user: { id: string };
}
type Service = SubgraphService<Loaders>;

const newStudent = (): Viewer => ({
  id: randomUUID(),
  role: 'STUDENT',
  sessionId: randomUUID(),
  tokenId: randomUUID(),
});

const describeWithRedis = redisServerAvailable() ? describe : describe.skip;

describeWithRedis('booking idempotency keys in Redis', () => {
  let redis: TestRedis;
  let probe: Redis;
  let redisA: Redis;
  let redisB: Redis;
  let shared: RedisForTwoInstances | undefined;
  let a: Service;
  let b: Service;

  const register = (
    service: Service,
    viewer: Viewer,
    input: { courseId: string; idempotencyKey: string },
  ): Promise<Result<{ registerForCourse: Registered }>> =>
    execute<{ registerForCourse: Registered }, Loaders>(service, REGISTER, {
      variables: { input },
      viewer,
    });
  const registered = async (
    service: Service,
    viewer: Viewer,
    input: { courseId: string; idempotencyKey: string },
  ): Promise<Registered> => {
    const result = await register(service, viewer, input);
    expect(result.errors).toBeUndefined();
    return result.data?.registerForCourse as Registered;
  };
  const bookingRows = (courseId: string) =>
    a.dataSource.query<{ id: string; user_id: string; idempotency_key: string | null }[]>(
      `SELECT "id", "user_id", "idempotency_key" FROM "booking"."bookings"
        WHERE "course_id" = $1 ORDER BY "created_at"`,
      [courseId],
    );
  const keyOf = (viewer: Viewer, idempotencyKey: string): string =>
    `${REGISTRATION_CACHE_PREFIX}${viewer.id}:${idempotencyKey}`;

  beforeAll(async () => {
    shared = await startRedisForTwoInstances('booking');
    ({ server: redis, probe, a: redisA, b: redisB } = shared);
    const config = await testConfig();
    // Each its own bus, as each process has; course.changed is delivered by hand (test-kit).
    a = buildBookingSubgraph(config, testLog, {
      redis: redisA,
      bus: new InProcessEventBus(testLog),
    });
    b = buildBookingSubgraph(config, testLog, {
      redis: redisB,
      bus: new InProcessEventBus(testLog),
    });
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

  it('returns the same booking for a key sent through two instances (one row)', async () => {
    const course = await freshCourse(a);
    const viewer = newStudent();
    const input = { courseId: course.courseId, idempotencyKey: `retry-${randomUUID()}` };

    const first = await registered(a, viewer, input);
    expect(await probe.get(keyOf(viewer, input.idempotencyKey))).toBe(JSON.stringify(first.id));
    const ttl = await probe.pttl(keyOf(viewer, input.idempotencyKey));
    expect(ttl).toBeGreaterThan(REGISTRATION_CACHE_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(REGISTRATION_CACHE_TTL_MS);

    // The retry through B: one MGET, then one statement reading that booking.
    await probe.config('RESETSTAT');
    const sql = sqlLoggerOf(b.dataSource);
    sql.reset();
    const retry = await registered(b, viewer, input);
    expect(retry).toEqual(first);
    expect(sql.statements).toBe(1);
    expect(await commandCalls(probe, 'mget')).toBe(1);
    expect(await commandCalls(probe, 'set')).toBe(0);

    expect(await bookingRows(course.courseId)).toEqual([
      { id: first.id, user_id: viewer.id, idempotency_key: input.idempotencyKey },
    ]);
  });

  it('keeps keys per user: the same key of another viewer makes their own booking', async () => {
    const course = await freshCourse(a);
    const idempotencyKey = `shared-${randomUUID()}`;
    const [ada, alan] = [newStudent(), newStudent()];
    const hers = await registered(a, ada, { courseId: course.courseId, idempotencyKey });
    const his = await registered(b, alan, { courseId: course.courseId, idempotencyKey });
    expect(his.id).not.toBe(hers.id);
    expect(his.user.id).toBe(alan.id);
    expect(await bookingRows(course.courseId)).toHaveLength(2);
  });

  it('still refuses a cached key for another course', async () => {
    const [one, two] = [await freshCourse(a), await freshCourse(a)];
    const viewer = newStudent();
    const idempotencyKey = randomUUID();
    await registered(a, viewer, { courseId: one.courseId, idempotencyKey });
    const other = await register(b, viewer, { courseId: two.courseId, idempotencyKey });
    expect(errorCodes(other)).toEqual(['BAD_USER_INPUT']);
    expect(other.errors?.[0]?.extensions?.field).toBe('idempotencyKey');
    expect(await bookingRows(two.courseId)).toHaveLength(0);
  });

  it('lets PostgreSQL decide once the key is released after 24 hours', async () => {
    const course = await freshCourse(a);
    const viewer = newStudent();
    const input = { courseId: course.courseId, idempotencyKey: randomUUID() };
    const old = await registered(a, viewer, input);
    await a.dataSource.query(
      `UPDATE "booking"."bookings" SET "created_at" = now() - interval '25 hours',
              "status" = 'CANCELLED' WHERE "id" = $1`,
      [old.id],
    );
    // Redis still names the old booking; PostgreSQL no longer does.
    const renewed = await registered(b, viewer, input);
    expect(renewed.id).not.toBe(old.id);
    expect(await registered(a, viewer, input)).toEqual(renewed);
    expect(await registered(b, viewer, input)).toEqual(renewed);
    expect((await bookingRows(course.courseId)).map((r) => r.idempotency_key)).toEqual([
      null,
      input.idempotencyKey,
    ]);
  });

  it('falls back to the unique constraint while Redis is down', async () => {
    const course = await freshCourse(a);
    const viewer = newStudent();
    const input = { courseId: course.courseId, idempotencyKey: randomUUID() };
    await redis.kill();
    await Promise.all([redisA, redisB].map(noticedDown));

    const first = await registered(a, viewer, input);
    expect(await registered(b, viewer, input)).toEqual(first);
    // Concurrent retries through both instances still make one booking.
    const again = await Promise.all([registered(a, viewer, input), registered(b, viewer, input)]);
    expect(again).toEqual([first, first]);
    expect(await bookingRows(course.courseId)).toHaveLength(1);

    // Back (empty): a retry is answered by PostgreSQL, and new keys are cached again.
    await redis.start();
    await Promise.all([probe, redisA, redisB].map((r) => redisReady(r, 10_000)));
    expect(await registered(b, viewer, input)).toEqual(first);
    const next = { courseId: (await freshCourse(a)).courseId, idempotencyKey: randomUUID() };
    const made = await registered(a, viewer, next);
    expect(await probe.get(keyOf(viewer, next.idempotencyKey))).toBe(JSON.stringify(made.id));
  });

  it('makes one booking when retries race through both instances with a new key', async () => {
    const course = await freshCourse(a);
    const viewer = newStudent();
    const input = { courseId: course.courseId, idempotencyKey: randomUUID() };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => register(i % 2 ? a : b, viewer, input)),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const ids = new Set(results.map((result) => result.data?.registerForCourse.id));
    expect(ids.size).toBe(1);
    expect((await bookingRows(course.courseId)).map((row) => row.id)).toEqual([...ids]);
    expect(await probe.get(keyOf(viewer, input.idempotencyKey))).toBe(JSON.stringify([...ids][0]));
  });
});
