import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { demoViewer, errorCodes, execute, testConfig, testLog } from '../../test/helpers';
import { sqlLoggerOf } from '../shared/db/data-source';
import {
  DEMO_BOOKINGS,
  DEMO_COURSES,
  demoCourse,
  demoUser,
  type DemoBooking,
} from '../shared/demo/catalog';
import { Booking } from './entities/booking';
import { CourseView } from './entities/course-view';
import { Enrollment } from './entities/enrollment';
import type { Loaders } from './loaders';
import { seedBooking } from './seed';
import { buildBookingSubgraph } from './subgraph';
import { feedDemoCourses } from './test-kit';

// Expectations come from the demo catalog. The seed plays it through the mutations, so
// createdAt and enrolledAt are the times it ran: orders are checked against those.
const LIVE = ['PENDING', 'CONFIRMED'];
const bookingsOf = (key: string): DemoBooking[] =>
  DEMO_BOOKINGS.filter((b) => b.userId === demoUser(key).id);
const bookingsFor = (courseId: string): DemoBooking[] =>
  DEMO_BOOKINGS.filter((b) => b.courseId === courseId);
const seatsLeft = (courseId: string): number => {
  const course = DEMO_COURSES.find((c) => c.id === courseId);
  const live = bookingsFor(courseId).filter((b) => LIVE.includes(b.status)).length;
  return Math.max((course?.capacity ?? 0) - live, 0);
};
const enrollmentCount = (courseId: string): number =>
  bookingsFor(courseId).filter((b) => b.enrollment).length;

/** Rows of `table` by id, ordered as the API orders them: by `column`, then id. */
async function inOrder(
  db: DataSource,
  table: 'bookings' | 'enrollments',
  column: 'created_at' | 'enrolled_at',
  ids: string[],
  direction: 'ASC' | 'DESC',
): Promise<string[]> {
  const rows = (await db.query(
    `SELECT "id" FROM "booking"."${table}" WHERE "id" = ANY($1::uuid[])
      ORDER BY "${column}" ${direction}, "id" ${direction}`,
    [ids],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}
const newestBookingsFirst = (db: DataSource, bookings: DemoBooking[]) =>
  inOrder(
    db,
    'bookings',
    'created_at',
    bookings.map((b) => b.id),
    'DESC',
  );
const newestEnrollmentsFirst = (db: DataSource, bookings: DemoBooking[]) =>
  inOrder(
    db,
    'enrollments',
    'enrolled_at',
    bookings.flatMap((b) => (b.enrollment ? [b.enrollment.id] : [])),
    'DESC',
  );

/** `ids` padded with random UUIDs to 100 distinct ids. */
const hundred = (ids: string[]): string[] => [
  ...ids,
  ...Array.from({ length: 100 - ids.length }, () => randomUUID()),
];
const reps = (typename: string, ids: string[]) => ids.map((id) => ({ __typename: typename, id }));
const entitiesQuery = (fragment: string): string =>
  `query($reps: [_Any!]!) { _entities(representations: $reps) { ${fragment} } }`;

type Entities<T> = { _entities: (T | null)[] };
interface PageOf<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const admin = demoViewer('admin');
const student1 = demoViewer('student1');
const student2 = demoViewer('student2');
const federation101 = demoCourse('graphql-federation-101');

describe('booking subgraph', () => {
  const service = testConfig().then((config) => buildBookingSubgraph(config, testLog));

  // The course subgraph does not run here: its course.changed events are played to
  // booking's consumer, then the seed runs through booking's services.
  beforeAll(async () => {
    const s = await service;
    await s.start();
    await feedDemoCourses(s);
    await s.seed();
  });
  afterAll(async () => (await service).stop());

  it('seeds idempotently: a second run adds nothing', async () => {
    const { dataSource: db } = await service;
    const counts = () =>
      Promise.all([CourseView, Booking, Enrollment].map((e) => db.getRepository(e).count()));
    const before = await counts();
    await seedBooking((await service).services);
    expect(await counts()).toEqual(before);
    expect(before[0]).toBeGreaterThanOrEqual(DEMO_COURSES.length);
  });

  it('plays the demo catalog through the mutations: statuses, enrollments, seats, events', async () => {
    const { dataSource: db } = await service;
    const ids = DEMO_BOOKINGS.map((b) => b.id);
    const bookings = (await db.query(
      `SELECT "id", "status", "decided_by", "decided_at", "idempotency_key"
         FROM "booking"."bookings" WHERE "id" = ANY($1::uuid[])`,
      [ids],
    )) as {
      id: string;
      status: string;
      decided_by: string | null;
      decided_at: Date | null;
      idempotency_key: string;
    }[];
    const enrollments = (await db.query(
      `SELECT "id", "booking_id", "status", "progress_percent", "completed_at"
         FROM "booking"."enrollments" WHERE "booking_id" = ANY($1::uuid[])`,
      [ids],
    )) as {
      id: string;
      booking_id: string;
      status: string;
      progress_percent: number;
      completed_at: Date | null;
    }[];
    const events = (await db.query(
      `SELECT "payload"->>'bookingId' AS "id", "payload"->>'status' AS "status"
         FROM "booking"."outbox"
        WHERE "type" = 'booking.changed' AND "payload"->>'bookingId' = ANY($1::text[])
        ORDER BY "position"`,
      [ids],
    )) as { id: string; status: string }[];
    for (const demo of DEMO_BOOKINGS) {
      const row = bookings.find((b) => b.id === demo.id);
      expect(row).toMatchObject({
        status: demo.status,
        decided_by: demo.decidedById,
        idempotency_key: `demo:${demo.id}`,
      });
      expect(row?.decided_at === null).toBe(demo.decidedById === null);
      const enrollment = enrollments.find((e) => e.booking_id === demo.id);
      if (demo.enrollment) {
        expect(enrollment).toMatchObject({
          id: demo.enrollment.id,
          status: demo.enrollment.completed ? 'COMPLETED' : 'ACTIVE',
          progress_percent: demo.enrollment.progressPercent,
        });
        expect(enrollment?.completed_at === null).toBe(!demo.enrollment.completed);
      } else {
        expect(enrollment).toBeUndefined();
      }
      const statuses = events.filter((e) => e.id === demo.id).map((e) => e.status);
      expect(statuses).toEqual(demo.status === 'PENDING' ? ['PENDING'] : ['PENDING', demo.status]);
    }
    // Each demo course's seat count is its live bookings, whoever made them.
    const seats = (await db.query(
      `SELECT "course"."id", "course"."seats_taken" AS "taken",
              (SELECT count(*)::int FROM "booking"."bookings" AS "b"
                WHERE "b"."course_id" = "course"."id"
                  AND "b"."status" IN ('PENDING', 'CONFIRMED')) AS "live"
         FROM "booking"."courses" AS "course" WHERE "course"."id" = ANY($1::uuid[])`,
      [DEMO_COURSES.map((c) => c.id)],
    )) as { id: string; taken: number; live: number }[];
    expect(seats).toHaveLength(DEMO_COURSES.length);
    for (const course of seats) expect(course.taken).toBe(course.live);
  });

  describe('entity references cost one statement per batch', () => {
    it('resolves 100 Booking references in one statement', async () => {
      const s = await service;
      const ids = hundred(DEMO_BOOKINGS.map((b) => b.id));
      const sql = sqlLoggerOf(s.dataSource);
      sql.reset();
      const result = await execute<Entities<{ id: string; status: string }>, Loaders>(
        s,
        entitiesQuery('... on Booking { id status }'),
        { variables: { reps: reps('Booking', ids) }, viewer: admin },
      );
      expect(sql.statements).toBe(1);
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([
        ...DEMO_BOOKINGS.map((b) => ({ id: b.id, status: b.status })),
        ...Array.from({ length: 100 - DEMO_BOOKINGS.length }, () => null),
      ]);
    });

    it('hides a Booking reference from anyone but its owner and admins (null)', async () => {
      const s = await service;
      const own = bookingsOf('student1')[0] as DemoBooking;
      const query = entitiesQuery('... on Booking { id note }');
      const variables = { reps: reps('Booking', [own.id]) };
      const asOwner = await execute<Entities<{ id: string }>, Loaders>(s, query, {
        variables,
        viewer: student1,
      });
      expect(asOwner.data?._entities).toEqual([{ id: own.id, note: own.note }]);
      for (const viewer of [student2, null]) {
        const hidden = await execute<Entities<{ id: string }>, Loaders>(s, query, {
          variables,
          viewer,
        });
        expect(hidden.errors).toBeUndefined();
        expect(hidden.data?._entities).toEqual([null]);
      }
    });

    it('resolves 100 Enrollment references in one statement', async () => {
      const s = await service;
      const enrolled = DEMO_BOOKINGS.filter((b) => b.enrollment);
      const ids = hundred(enrolled.map((b) => b.enrollment?.id as string));
      const sql = sqlLoggerOf(s.dataSource);
      sql.reset();
      const result = await execute<Entities<{ id: string; progressPercent: number }>, Loaders>(
        s,
        entitiesQuery('... on Enrollment { id progressPercent user { id } course { id } }'),
        { variables: { reps: reps('Enrollment', ids) }, viewer: admin },
      );
      expect(sql.statements).toBe(1);
      expect(result.data?._entities.slice(0, enrolled.length)).toEqual(
        enrolled.map((b) => ({
          id: b.enrollment?.id,
          progressPercent: b.enrollment?.progressPercent,
          user: { id: b.userId },
          course: { id: b.courseId },
        })),
      );
      expect(result.data?._entities.slice(enrolled.length).every((e) => e === null)).toBe(true);
    });

    it('resolves User references key-only and each list in one statement', async () => {
      const s = await service;
      const students = [...new Set(DEMO_BOOKINGS.map((b) => b.userId))];
      const variables = { reps: reps('User', hundred(students)) };
      const sql = sqlLoggerOf(s.dataSource);
      const cost = async (fragment: string) => {
        sql.reset();
        const result = await execute<Entities<Record<string, unknown>>, Loaders>(
          s,
          entitiesQuery(`... on User { ${fragment} }`),
          { variables, viewer: admin },
        );
        expect(result.errors).toBeUndefined();
        return { statements: sql.statements, entities: result.data?._entities ?? [] };
      };
      expect((await cost('id')).statements).toBe(0);
      const all = await cost('id bookings { id }');
      expect(all.statements).toBe(1);
      expect(all.entities[0]).toEqual({
        id: demoUser('student1').id,
        bookings: (await newestBookingsFirst(s.dataSource, bookingsOf('student1'))).map((id) => ({
          id,
        })),
      });
      const pending = await cost('bookings(status: PENDING) { status }');
      expect(pending.statements).toBe(1);
      expect(pending.entities.flatMap((u) => u?.bookings as unknown[])).toHaveLength(
        DEMO_BOOKINGS.filter((b) => b.status === 'PENDING').length,
      );
      const enrollments = await cost('enrollments { id }');
      expect(enrollments.statements).toBe(1);
      expect(enrollments.entities.flatMap((u) => u?.enrollments as unknown[])).toHaveLength(
        DEMO_BOOKINGS.filter((b) => b.enrollment).length,
      );
    });

    it('resolves Course references key-only and each field in one statement', async () => {
      const s = await service;
      const courses = DEMO_COURSES.map((c) => c.id);
      const ids = hundred(courses);
      const variables = { reps: reps('Course', ids) };
      const sql = sqlLoggerOf(s.dataSource);
      const run = async (field: string) => {
        sql.reset();
        const result = await execute<Entities<Record<string, unknown>>, Loaders>(
          s,
          entitiesQuery(`... on Course { ${field} }`),
          { variables, viewer: student1 },
        );
        expect(result.errors).toBeUndefined();
        expect(sql.statements).toBe(field === 'id' ? 0 : 1);
        return (result.data?._entities ?? []).map((c) => c?.[field.split(' ')[0] as string]);
      };
      expect(await run('id')).toEqual(ids);
      const unknown = 100 - courses.length;
      expect(await run('enrollmentCount')).toEqual([
        ...courses.map(enrollmentCount),
        ...Array<number>(unknown).fill(0),
      ]);
      expect(await run('seatsLeft')).toEqual([
        ...courses.map(seatsLeft),
        ...Array<number>(unknown).fill(0),
      ]);
      const live = (courseId: string) =>
        bookingsOf('student1').find((b) => b.courseId === courseId && LIVE.includes(b.status));
      expect(await run('viewerBooking { id }')).toEqual([
        ...courses.map((id) => (live(id) ? { id: live(id)?.id } : null)),
        ...Array<null>(unknown).fill(null),
      ]);
    });
  });

  describe('Course fields', () => {
    const courseFields = entitiesQuery(
      '... on Course { enrollmentCount seatsLeft viewerBooking { status } }',
    );

    it('counts seats of a nearly full course, never below zero', async () => {
      const s = await service;
      const small = demoCourse('subscriptions-at-scale');
      const result = await execute(s, courseFields, {
        variables: { reps: reps('Course', [small.id, federation101.id]) },
        viewer: student2,
      });
      expect(result.data?._entities).toEqual([
        {
          enrollmentCount: enrollmentCount(small.id),
          seatsLeft: seatsLeft(small.id),
          viewerBooking: { status: 'PENDING' },
        },
        {
          enrollmentCount: enrollmentCount(federation101.id),
          seatsLeft: seatsLeft(federation101.id),
          viewerBooking: { status: 'CONFIRMED' },
        },
      ]);
      expect(seatsLeft(small.id)).toBeLessThan(small.capacity);
    });

    it('gives no viewerBooking to anonymous viewers and none for a cancelled booking', async () => {
      const s = await service;
      const cancelled = bookingsOf('student1').find((b) => b.status === 'CANCELLED');
      const variables = { reps: reps('Course', [federation101.id, cancelled?.courseId as string]) };
      const anonymous = await execute<Entities<{ viewerBooking: unknown }>, Loaders>(
        s,
        courseFields,
        {
          variables,
        },
      );
      expect(anonymous.data?._entities.map((c) => c?.viewerBooking)).toEqual([null, null]);
      const signedIn = await execute<Entities<{ viewerBooking: unknown }>, Loaders>(
        s,
        courseFields,
        {
          variables,
          viewer: student1,
        },
      );
      expect(signedIn.data?._entities.map((c) => c?.viewerBooking)).toEqual([
        { status: 'CONFIRMED' },
        null,
      ]);
    });
  });

  describe('User lists', () => {
    const userLists = entitiesQuery('... on User { bookings { id } enrollments { id } }');
    const ofStudent1 = { reps: reps('User', [demoUser('student1').id]) };

    it('shows them to the user themself and to admins', async () => {
      const s = await service;
      const expected = {
        bookings: (await newestBookingsFirst(s.dataSource, bookingsOf('student1'))).map((id) => ({
          id,
        })),
        enrollments: (await newestEnrollmentsFirst(s.dataSource, bookingsOf('student1'))).map(
          (id) => ({ id }),
        ),
      };
      for (const viewer of [student1, admin]) {
        const result = await execute(s, userLists, { variables: ofStudent1, viewer });
        expect(result.data?._entities).toEqual([expected]);
      }
    });

    it('refuses other users (FORBIDDEN) and anonymous viewers (UNAUTHENTICATED)', async () => {
      const s = await service;
      // One list at a time: a non-null list's error nulls the entity and hides the other's.
      for (const list of ['bookings { id }', 'enrollments { id }']) {
        const query = entitiesQuery(`... on User { ${list} }`);
        const other = await execute(s, query, { variables: ofStudent1, viewer: student2 });
        expect(errorCodes(other)).toEqual(['FORBIDDEN']);
        const anonymous = await execute(s, query, { variables: ofStudent1 });
        expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      }
    });
  });

  describe('Query.booking', () => {
    const query = `query($id: ID!) { booking(id: $id) {
      id status note createdAt decidedAt user { id } course { id } schedule { id } decidedBy { id }
    } }`;
    const confirmed = bookingsOf('student1').find((b) => b.status === 'CONFIRMED') as DemoBooking;

    it('returns the booking to its owner and to admins', async () => {
      const s = await service;
      for (const viewer of [student1, admin]) {
        const result = await execute<{ booking: Record<string, unknown> }, Loaders>(s, query, {
          variables: { id: confirmed.id },
          viewer,
        });
        expect(result.errors).toBeUndefined();
        const booking = result.data?.booking;
        expect(booking).toMatchObject({
          id: confirmed.id,
          status: 'CONFIRMED',
          note: confirmed.note,
          user: { id: confirmed.userId },
          course: { id: confirmed.courseId },
          schedule: { id: confirmed.scheduleId },
          decidedBy: { id: confirmed.decidedById },
        });
        const createdAt = Date.parse(booking?.createdAt as string);
        expect(Date.parse(booking?.decidedAt as string)).toBeGreaterThanOrEqual(createdAt);
        expect(createdAt).toBeLessThan(Date.now());
      }
    });

    it('gives null for a booking that does not exist', async () => {
      const s = await service;
      const result = await execute(s, query, { variables: { id: randomUUID() }, viewer: admin });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ booking: null });
    });

    it('refuses others, anonymous viewers and malformed ids', async () => {
      const s = await service;
      const variables = { id: confirmed.id };
      expect(errorCodes(await execute(s, query, { variables, viewer: student2 }))).toEqual([
        'FORBIDDEN',
      ]);
      expect(errorCodes(await execute(s, query, { variables }))).toEqual(['UNAUTHENTICATED']);
      const malformed = await execute(s, query, { variables: { id: 'nope' }, viewer: admin });
      expect(malformed.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'id',
      });
    });
  });

  describe('Query.myBookings', () => {
    const query = `query($status: BookingStatus) { myBookings(status: $status) { id status } }`;

    it("lists the viewer's bookings newest first, optionally of one status", async () => {
      const s = await service;
      const all = await execute(s, query, { viewer: student1 });
      const newestFirst = await newestBookingsFirst(s.dataSource, bookingsOf('student1'));
      expect(all.data?.myBookings).toEqual(
        newestFirst.map((id) => ({ id, status: DEMO_BOOKINGS.find((b) => b.id === id)?.status })),
      );
      const pending = await execute(s, query, {
        variables: { status: 'PENDING' },
        viewer: student1,
      });
      const pendingIds = bookingsOf('student1')
        .filter((b) => b.status === 'PENDING')
        .map((b) => b.id);
      expect(pending.data?.myBookings).toEqual(
        newestFirst
          .filter((id) => pendingIds.includes(id))
          .map((id) => ({ id, status: 'PENDING' })),
      );
    });

    it('requires a signed-in viewer', async () => {
      expect(errorCodes(await execute(await service, query))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('Query.pendingBookings', () => {
    const query = `query($first: Int, $after: String) {
      pendingBookings(first: $first, after: $after) {
        edges { cursor node { id status } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }`;
    type Pending = { pendingBookings: PageOf<{ id: string; status: string }> };

    it('walks the PENDING bookings oldest first, page by page', async () => {
      const s = await service;
      const seen: string[] = [];
      let after: string | null = null;
      let totalCount = -1;
      // Other tests add PENDING bookings of their own: walk as far as it goes.
      for (let page = 0; page < 1000; page += 1) {
        const result: { data?: Pending | null } = await execute<Pending, Loaders>(s, query, {
          variables: { first: 2, after },
          viewer: admin,
        });
        const connection = result.data?.pendingBookings as Pending['pendingBookings'];
        expect(connection.edges.length).toBeLessThanOrEqual(2);
        expect(connection.edges.every((e) => e.node.status === 'PENDING')).toBe(true);
        seen.push(...connection.edges.map((e) => e.node.id));
        totalCount = connection.totalCount;
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      const seeded = await inOrder(
        s.dataSource,
        'bookings',
        'created_at',
        DEMO_BOOKINGS.filter((b) => b.status === 'PENDING').map((b) => b.id),
        'ASC',
      );
      expect(seen).toHaveLength(totalCount);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => seeded.includes(id))).toEqual(seeded);
      expect(seeded.length).toBeGreaterThan(2);
    });

    it('is for admins only', async () => {
      const s = await service;
      expect(errorCodes(await execute(s, query, { viewer: student1 }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await execute(s, query))).toEqual(['UNAUTHENTICATED']);
    });

    it('rejects first over 100 and cursors it did not make', async () => {
      const s = await service;
      const tooMany = await execute(s, query, { variables: { first: 101 }, viewer: admin });
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
      const badCursor = await execute(s, query, { variables: { after: 'xyz' }, viewer: admin });
      expect(badCursor.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });
  });

  describe('Query.courseEnrollments', () => {
    const query = `query($courseId: ID!, $first: Int, $after: String) {
      courseEnrollments(courseId: $courseId, first: $first, after: $after) {
        edges { cursor node { id status progressPercent completedAt user { id } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }`;
    type Enrollments = {
      courseEnrollments: PageOf<{
        id: string;
        status: string;
        progressPercent: number;
        completedAt: string | null;
        user: { id: string };
      }>;
    };
    const enrolled = bookingsFor(federation101.id).filter((b) => b.enrollment);

    it("walks the course's enrollments in enrollment order for its instructor", async () => {
      const s = await service;
      const instructor = demoViewer('instructor1');
      expect(federation101.instructorId).toBe(instructor.id);
      const nodes: Enrollments['courseEnrollments']['edges'][number]['node'][] = [];
      let after: string | null = null;
      for (let page = 0; page < enrolled.length; page += 1) {
        const result: { data?: Enrollments | null } = await execute<Enrollments, Loaders>(
          s,
          query,
          {
            variables: { courseId: federation101.id, first: 1, after },
            viewer: instructor,
          },
        );
        const connection = result.data?.courseEnrollments as Enrollments['courseEnrollments'];
        expect(connection.totalCount).toBe(enrolled.length);
        expect(connection.edges).toHaveLength(1);
        expect(connection.pageInfo.hasNextPage).toBe(page < enrolled.length - 1);
        nodes.push(...connection.edges.map((e) => e.node));
        after = connection.pageInfo.endCursor;
      }
      const order = await inOrder(
        s.dataSource,
        'enrollments',
        'enrolled_at',
        enrolled.map((b) => b.enrollment?.id as string),
        'ASC',
      );
      const inEnrollmentOrder = order.map(
        (id) => enrolled.find((b) => b.enrollment?.id === id) as DemoBooking,
      );
      expect(
        nodes.map((n) => ({ id: n.id, user: n.user, progressPercent: n.progressPercent })),
      ).toEqual(
        inEnrollmentOrder.map((b) => ({
          id: b.enrollment?.id,
          user: { id: b.userId },
          progressPercent: b.enrollment?.progressPercent,
        })),
      );
      for (const [i, node] of nodes.entries()) {
        const completed = inEnrollmentOrder[i]?.enrollment?.completed;
        expect(node.status).toBe(completed ? 'COMPLETED' : 'ACTIVE');
        expect(node.completedAt === null).toBe(!completed);
      }
    });

    it('is open to admins', async () => {
      const result = await execute<Enrollments, Loaders>(await service, query, {
        variables: { courseId: federation101.id },
        viewer: admin,
      });
      expect(result.data?.courseEnrollments.totalCount).toBe(enrolled.length);
    });

    it('refuses other instructors, students and anonymous viewers', async () => {
      const s = await service;
      const variables = { courseId: federation101.id };
      for (const key of ['instructor2', 'student1']) {
        const result = await execute(s, query, { variables, viewer: demoViewer(key) });
        expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      }
      expect(errorCodes(await execute(s, query, { variables }))).toEqual(['UNAUTHENTICATED']);
    });

    it('reports unknown courses, malformed ids and oversized pages', async () => {
      const s = await service;
      const unknown = await execute(s, query, {
        variables: { courseId: randomUUID() },
        viewer: admin,
      });
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
      const malformed = await execute(s, query, { variables: { courseId: 'x' }, viewer: admin });
      expect(malformed.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'courseId',
      });
      const tooMany = await execute(s, query, {
        variables: { courseId: federation101.id, first: 101 },
        viewer: admin,
      });
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    });
  });
});
