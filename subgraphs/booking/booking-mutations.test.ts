import { randomUUID } from 'node:crypto';
import {
  demoViewer,
  errorCodes,
  execute,
  testConfig,
  testLog,
  type Result,
} from '../../test/helpers';
import type { Viewer } from '../shared/auth/viewer';
import { processEventBus } from '../shared/events/process-bus';
import type { Loaders } from './loaders';
import { buildBookingSubgraph } from './subgraph';
import { courseChanged, deliver, freshCourse } from './test-kit';

// Every test makes its own courses (booking's view of them, fed as course.changed events
// would) and its own students, so it depends on no global count in the shared database.

const admin = demoViewer('admin');
const instructor = demoViewer('instructor1');
const newStudent = (): Viewer => ({
  id: randomUUID(),
  role: 'STUDENT',
  sessionId: randomUUID(),
  tokenId: randomUUID(),
});

const BOOKING = `id status note createdAt decidedAt decisionReason
  user { id } course { id } schedule { id } decidedBy { id }`;
const REGISTER = `mutation($input: RegisterForCourseInput!) {
  registerForCourse(input: $input) { ${BOOKING} } }`;
const CONFIRM = `mutation($id: ID!) { confirmBooking(id: $id) { ${BOOKING} } }`;
const REJECT = `mutation($id: ID!, $reason: String) {
  rejectBooking(id: $id, reason: $reason) { ${BOOKING} } }`;
const CANCEL = `mutation($id: ID!) { cancelBooking(id: $id) { ${BOOKING} } }`;
const PROGRESS = `mutation($id: ID!, $progressPercent: Int!) {
  updateEnrollmentProgress(id: $id, progressPercent: $progressPercent) {
    id status progressPercent completedAt user { id } course { id } } }`;
const COURSE_FIELDS = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Course { seatsLeft enrollmentCount viewerBooking { id status } } } }`;

interface BookingResult {
  id: string;
  status: string;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
  user: { id: string };
  course: { id: string };
  schedule: { id: string } | null;
  decidedBy: { id: string } | null;
}
interface EnrollmentResult {
  id: string;
  status: string;
  progressPercent: number;
  completedAt: string | null;
  user: { id: string };
  course: { id: string };
}
interface CourseFields {
  seatsLeft: number;
  enrollmentCount: number;
  viewerBooking: { id: string; status: string } | null;
}
interface BookingChanged {
  bookingId: string;
  userId: string;
  courseId: string;
  status: string;
  previousStatus: string | null;
  enrollmentId: string | null;
}

const expectError = (result: Result<unknown>, code: string, field?: string): void => {
  expect(result.errors).toHaveLength(1);
  expect(result.errors?.[0]?.extensions).toMatchObject(field ? { code, field } : { code });
};

describe('booking mutations', () => {
  const service = testConfig().then((config) => buildBookingSubgraph(config, testLog));

  beforeAll(async () => (await service).start());
  afterAll(async () => (await service).stop());

  // --- helpers over the started service -------------------------------------------------

  const register = async (
    viewer: Viewer | null,
    input: Record<string, unknown>,
  ): Promise<Result<{ registerForCourse: BookingResult }>> =>
    execute<{ registerForCourse: BookingResult }, Loaders>(await service, REGISTER, {
      variables: { input: { idempotencyKey: randomUUID(), ...input } },
      viewer,
    });

  /** A PENDING booking of `viewer` for `courseId`; fails the test if registering fails. */
  const book = async (viewer: Viewer, courseId: string): Promise<BookingResult> => {
    const result = await register(viewer, { courseId });
    expect(result.errors).toBeUndefined();
    return result.data?.registerForCourse as BookingResult;
  };

  const run = async <D>(query: string, viewer: Viewer | null, variables: Record<string, unknown>) =>
    execute<D, Loaders>(await service, query, { variables, viewer });

  const confirm = (viewer: Viewer | null, id: string) =>
    run<{ confirmBooking: BookingResult }>(CONFIRM, viewer, { id });
  const reject = (viewer: Viewer | null, id: string, reason?: string | null) =>
    run<{ rejectBooking: BookingResult }>(REJECT, viewer, { id, reason });
  const cancel = (viewer: Viewer | null, id: string) =>
    run<{ cancelBooking: BookingResult }>(CANCEL, viewer, { id });
  const progress = (viewer: Viewer | null, id: string, progressPercent: number) =>
    run<{ updateEnrollmentProgress: EnrollmentResult }>(PROGRESS, viewer, { id, progressPercent });

  const courseFields = async (courseId: string, viewer: Viewer | null = null) => {
    const result = await run<{ _entities: CourseFields[] }>(COURSE_FIELDS, viewer, {
      reps: [{ __typename: 'Course', id: courseId }],
    });
    expect(result.errors).toBeUndefined();
    return result.data?._entities[0] as CourseFields;
  };

  const sql = async <T>(query: string, parameters: unknown[] = []): Promise<T[]> =>
    (await service).dataSource.query<T[]>(query, parameters);

  const seatsTaken = async (courseId: string): Promise<number> =>
    (
      await sql<{ seats_taken: number }>(
        `SELECT "seats_taken" FROM "booking"."courses" WHERE "id" = $1`,
        [courseId],
      )
    )[0]?.seats_taken ?? -1;

  const bookingRows = (courseId: string) =>
    sql<{ id: string; user_id: string; status: string; idempotency_key: string | null }>(
      `SELECT "id", "user_id", "status", "idempotency_key" FROM "booking"."bookings"
        WHERE "course_id" = $1`,
      [courseId],
    );

  const enrollmentRows = (bookingId: string) =>
    sql<{ id: string; status: string; user_id: string; course_id: string }>(
      `SELECT "id", "status", "user_id", "course_id" FROM "booking"."enrollments"
        WHERE "booking_id" = $1`,
      [bookingId],
    );

  /** booking.changed payloads of a booking, in outbox order. */
  const eventsOf = async (bookingId: string): Promise<BookingChanged[]> =>
    (
      await sql<{ payload: BookingChanged }>(
        `SELECT "payload" FROM "booking"."outbox"
          WHERE "type" = 'booking.changed' AND "payload"->>'bookingId' = $1
          ORDER BY "position"`,
        [bookingId],
      )
    ).map((row) => row.payload);

  // --- registerForCourse ------------------------------------------------------------------

  describe('registerForCourse', () => {
    it('makes a PENDING booking that holds a seat and records booking.changed', async () => {
      const course = await freshCourse(await service, { capacity: 5 });
      const viewer = newStudent();
      const scheduleId = randomUUID();
      const result = await register(viewer, {
        courseId: course.courseId,
        scheduleId,
        note: '  Looking forward to it  ',
      });
      expect(result.errors).toBeUndefined();
      const booking = result.data?.registerForCourse as BookingResult;
      expect(booking).toMatchObject({
        status: 'PENDING',
        note: 'Looking forward to it',
        decidedAt: null,
        decisionReason: null,
        decidedBy: null,
        user: { id: viewer.id },
        course: { id: course.courseId },
        schedule: { id: scheduleId },
      });
      expect(Date.now() - Date.parse(booking.createdAt)).toBeLessThan(60_000);
      expect(await seatsTaken(course.courseId)).toBe(1);
      expect(await courseFields(course.courseId, viewer)).toEqual({
        seatsLeft: 4,
        enrollmentCount: 0,
        viewerBooking: { id: booking.id, status: 'PENDING' },
      });
      expect(await eventsOf(booking.id)).toEqual([
        {
          bookingId: booking.id,
          userId: viewer.id,
          courseId: course.courseId,
          status: 'PENDING',
          previousStatus: null,
          enrollmentId: null,
        },
      ]);
    });

    it('is open to every role but not to anonymous viewers', async () => {
      const course = await freshCourse(await service);
      for (const viewer of [admin, instructor]) {
        expect((await book(viewer, course.courseId)).user).toEqual({ id: viewer.id });
      }
      expectError(await register(null, { courseId: course.courseId }), 'UNAUTHENTICATED');
      expect(await seatsTaken(course.courseId)).toBe(2);
    });

    it('names the bad input field and writes nothing', async () => {
      const course = await freshCourse(await service);
      const viewer = newStudent();
      const cases: [Record<string, unknown>, string][] = [
        [{ courseId: 'not-a-uuid' }, 'courseId'],
        [{ courseId: course.courseId, scheduleId: 'nope' }, 'scheduleId'],
        [{ courseId: course.courseId, idempotencyKey: '' }, 'idempotencyKey'],
        [{ courseId: course.courseId, idempotencyKey: 'k'.repeat(201) }, 'idempotencyKey'],
        [{ courseId: course.courseId, note: 'n'.repeat(1001) }, 'note'],
      ];
      for (const [input, field] of cases) {
        expectError(await register(viewer, input), 'BAD_USER_INPUT', field);
      }
      expect(await bookingRows(course.courseId)).toEqual([]);
      expect(await seatsTaken(course.courseId)).toBe(0);
      // The limits themselves are accepted.
      const edge = await register(viewer, {
        courseId: course.courseId,
        idempotencyKey: 'k'.repeat(200),
        note: 'n'.repeat(1000),
      });
      expect(edge.errors).toBeUndefined();
    });

    it('is NOT_FOUND for unknown, DRAFT and ARCHIVED courses', async () => {
      const s = await service;
      const draft = await freshCourse(s, { status: 'DRAFT' });
      const archived = await freshCourse(s, { status: 'ARCHIVED' });
      for (const courseId of [randomUUID(), draft.courseId, archived.courseId]) {
        expectError(await register(newStudent(), { courseId }), 'NOT_FOUND');
      }
      expect(await seatsTaken(draft.courseId)).toBe(0);
      expect(await seatsTaken(archived.courseId)).toBe(0);
    });

    it('is CONFLICT when the course is full', async () => {
      const course = await freshCourse(await service, { capacity: 1 });
      await book(newStudent(), course.courseId);
      expectError(await register(newStudent(), { courseId: course.courseId }), 'CONFLICT');
      expect(await bookingRows(course.courseId)).toHaveLength(1);
      expect((await courseFields(course.courseId)).seatsLeft).toBe(0);
    });

    it('is CONFLICT when the viewer already has a live booking, and frees nothing', async () => {
      const course = await freshCourse(await service);
      const viewer = newStudent();
      const first = await book(viewer, course.courseId);
      expectError(await register(viewer, { courseId: course.courseId }), 'CONFLICT');
      expect(await seatsTaken(course.courseId)).toBe(1);
      // Confirmed is live too.
      expect((await confirm(admin, first.id)).errors).toBeUndefined();
      expectError(await register(viewer, { courseId: course.courseId }), 'CONFLICT');
      expect(await seatsTaken(course.courseId)).toBe(1);
      // Once cancelled, the viewer may book again.
      expect((await cancel(viewer, first.id)).errors).toBeUndefined();
      const again = await book(viewer, course.courseId);
      expect(again.id).not.toBe(first.id);
      expect(await seatsTaken(course.courseId)).toBe(1);
    });

    describe('idempotencyKey', () => {
      it('returns the same booking for the same viewer and key, with no second row', async () => {
        const course = await freshCourse(await service, { capacity: 1 });
        const viewer = newStudent();
        const input = { courseId: course.courseId, idempotencyKey: `retry-${randomUUID()}` };
        const first = await register(viewer, input);
        // The course is full now: a retry still gets its booking back, not CONFLICT.
        const second = await register(viewer, input);
        expect(second.errors).toBeUndefined();
        expect(second.data?.registerForCourse).toEqual(first.data?.registerForCourse);
        expect(await bookingRows(course.courseId)).toEqual([
          expect.objectContaining({ idempotency_key: input.idempotencyKey }),
        ]);
        expect(await seatsTaken(course.courseId)).toBe(1);
        // Another viewer's identical key is theirs alone (and the course is full).
        expectError(await register(newStudent(), input), 'CONFLICT');
      });

      it('refuses a key already used for another course (BAD_USER_INPUT)', async () => {
        const s = await service;
        const [one, two] = [await freshCourse(s), await freshCourse(s)];
        const viewer = newStudent();
        const idempotencyKey = randomUUID();
        await register(viewer, { courseId: one.courseId, idempotencyKey });
        expectError(
          await register(viewer, { courseId: two.courseId, idempotencyKey }),
          'BAD_USER_INPUT',
          'idempotencyKey',
        );
        expect(await bookingRows(two.courseId)).toEqual([]);
      });

      it('releases a key after 24 hours: it then makes a new booking', async () => {
        const course = await freshCourse(await service);
        const viewer = newStudent();
        const idempotencyKey = randomUUID();
        const old = (await register(viewer, { courseId: course.courseId, idempotencyKey })).data
          ?.registerForCourse as BookingResult;
        await cancel(viewer, old.id);
        await sql(
          `UPDATE "booking"."bookings" SET "created_at" = now() - interval '25 hours'
            WHERE "id" = $1`,
          [old.id],
        );
        const fresh = await register(viewer, { courseId: course.courseId, idempotencyKey });
        expect(fresh.errors).toBeUndefined();
        const booking = fresh.data?.registerForCourse as BookingResult;
        expect(booking.id).not.toBe(old.id);
        expect(booking.status).toBe('PENDING');
        const rows = await bookingRows(course.courseId);
        expect(rows.find((r) => r.id === old.id)?.idempotency_key).toBeNull();
        expect(rows.find((r) => r.id === booking.id)?.idempotency_key).toBe(idempotencyKey);
      });

      it('keeps an expired key when the new registration fails', async () => {
        const course = await freshCourse(await service);
        const viewer = newStudent();
        const idempotencyKey = randomUUID();
        const old = await register(viewer, { courseId: course.courseId, idempotencyKey });
        const oldId = old.data?.registerForCourse.id as string;
        await sql(
          `UPDATE "booking"."bookings" SET "created_at" = now() - interval '25 hours'
            WHERE "id" = $1`,
          [oldId],
        );
        // Still live: CONFLICT, and the rollback leaves the old booking its key.
        expectError(
          await register(viewer, { courseId: course.courseId, idempotencyKey }),
          'CONFLICT',
        );
        expect((await bookingRows(course.courseId))[0]?.idempotency_key).toBe(idempotencyKey);
      });

      it('makes one booking when the same key is sent 20 times at once', async () => {
        const course = await freshCourse(await service);
        const viewer = newStudent();
        const input = { courseId: course.courseId, idempotencyKey: randomUUID() };
        const results = await Promise.all(
          Array.from({ length: 20 }, () => register(viewer, input)),
        );
        expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
        const ids = new Set(results.map((r) => r.data?.registerForCourse.id));
        expect(ids.size).toBe(1);
        const rows = await bookingRows(course.courseId);
        expect(rows.map((r) => r.id)).toEqual([...ids]);
        expect(await seatsTaken(course.courseId)).toBe(1);
        expect(await eventsOf(rows[0]?.id as string)).toHaveLength(1);
      });

      it('makes one booking when 20 retries race for the last seat', async () => {
        const course = await freshCourse(await service, { capacity: 1 });
        const viewer = newStudent();
        const input = { courseId: course.courseId, idempotencyKey: randomUUID() };
        const results = await Promise.all(
          Array.from({ length: 20 }, () => register(viewer, input)),
        );
        expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
        expect(new Set(results.map((r) => r.data?.registerForCourse.id)).size).toBe(1);
        expect(await bookingRows(course.courseId)).toHaveLength(1);
        expect(await seatsTaken(course.courseId)).toBe(1);
      });
    });

    it('never oversells: 50 students at once for 10 seats', async () => {
      const course = await freshCourse(await service, { capacity: 10 });
      const students = Array.from({ length: 50 }, newStudent);
      const results = await Promise.all(
        students.map((viewer) => register(viewer, { courseId: course.courseId })),
      );
      const booked = results.filter((r) => !r.errors);
      expect(booked).toHaveLength(10);
      expect(results.flatMap(errorCodes)).toEqual(Array<string>(40).fill('CONFLICT'));
      const rows = await bookingRows(course.courseId);
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => r.status === 'PENDING')).toBe(true);
      expect(new Set(rows.map((r) => r.user_id)).size).toBe(10);
      expect(await seatsTaken(course.courseId)).toBe(10);
      expect((await courseFields(course.courseId)).seatsLeft).toBe(0);
    });
  });

  // --- confirmBooking ---------------------------------------------------------------------

  describe('confirmBooking', () => {
    it('confirms and enrolls in one transaction, keeping the seat', async () => {
      const course = await freshCourse(await service, { capacity: 3 });
      const viewer = newStudent();
      const pending = await book(viewer, course.courseId);
      const result = await confirm(admin, pending.id);
      expect(result.errors).toBeUndefined();
      const booking = result.data?.confirmBooking as BookingResult;
      expect(booking).toMatchObject({
        id: pending.id,
        status: 'CONFIRMED',
        decidedBy: { id: admin.id },
        decisionReason: null,
      });
      expect(Date.parse(booking.decidedAt as string)).toBeGreaterThanOrEqual(
        Date.parse(pending.createdAt),
      );
      const enrollments = await enrollmentRows(pending.id);
      expect(enrollments).toEqual([
        {
          id: expect.any(String),
          status: 'ACTIVE',
          user_id: viewer.id,
          course_id: course.courseId,
        },
      ]);
      const enrollmentId = enrollments[0]?.id as string;
      // Booking, enrollment and event were written by one transaction.
      const [written] = await sql<{ booking: string; enrollment: string; event: string }>(
        `SELECT (SELECT "xmin"::text FROM "booking"."bookings" WHERE "id" = $1) AS "booking",
                (SELECT "xmin"::text FROM "booking"."enrollments" WHERE "booking_id" = $1)
                  AS "enrollment",
                (SELECT ("txid"::text::bigint % 4294967296)::text FROM "booking"."outbox"
                  WHERE "payload"->>'bookingId' = $1::text
                    AND "payload"->>'status' = 'CONFIRMED') AS "event"`,
        [pending.id],
      );
      expect(written?.enrollment).toBe(written?.booking);
      expect(written?.event).toBe(written?.booking);
      expect((await eventsOf(pending.id)).at(-1)).toEqual({
        bookingId: pending.id,
        userId: viewer.id,
        courseId: course.courseId,
        status: 'CONFIRMED',
        previousStatus: 'PENDING',
        enrollmentId,
      });
      expect(await courseFields(course.courseId, viewer)).toEqual({
        seatsLeft: 2,
        enrollmentCount: 1,
        viewerBooking: { id: pending.id, status: 'CONFIRMED' },
      });
    });

    it('is for admins only (FORBIDDEN, UNAUTHENTICATED)', async () => {
      const course = await freshCourse(await service);
      const viewer = newStudent();
      const pending = await book(viewer, course.courseId);
      // Not even the booking's own student, nor the course's instructor.
      const teacher: Viewer = { ...instructor, id: course.instructorId };
      for (const someone of [viewer, newStudent(), teacher]) {
        expectError(await confirm(someone, pending.id), 'FORBIDDEN');
      }
      expectError(await confirm(null, pending.id), 'UNAUTHENTICATED');
      expect(await enrollmentRows(pending.id)).toEqual([]);
    });

    it('reports unknown and malformed ids', async () => {
      expectError(await confirm(admin, randomUUID()), 'NOT_FOUND');
      expectError(await confirm(admin, 'nope'), 'BAD_USER_INPUT', 'id');
    });

    it('is CONFLICT once decided or cancelled', async () => {
      const course = await freshCourse(await service);
      const [a, b, c] = [newStudent(), newStudent(), newStudent()];
      const confirmed = await book(a, course.courseId);
      await confirm(admin, confirmed.id);
      const rejected = await book(b, course.courseId);
      await reject(admin, rejected.id);
      const cancelled = await book(c, course.courseId);
      await cancel(c, cancelled.id);
      for (const id of [confirmed.id, rejected.id, cancelled.id]) {
        expectError(await confirm(admin, id), 'CONFLICT');
      }
      expect(await enrollmentRows(confirmed.id)).toHaveLength(1);
      expect(await enrollmentRows(rejected.id)).toEqual([]);
      expect(await enrollmentRows(cancelled.id)).toEqual([]);
    });

    it('makes exactly one enrollment when admins confirm at once', async () => {
      const course = await freshCourse(await service);
      const pending = await book(newStudent(), course.courseId);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => confirm(admin, pending.id)),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.flatMap(errorCodes)).toEqual(Array<string>(4).fill('CONFLICT'));
      expect(await enrollmentRows(pending.id)).toHaveLength(1);
      expect((await eventsOf(pending.id)).map((e) => e.status)).toEqual(['PENDING', 'CONFIRMED']);
    });
  });

  // --- rejectBooking ----------------------------------------------------------------------

  describe('rejectBooking', () => {
    it('rejects with a reason and frees the seat', async () => {
      const course = await freshCourse(await service, { capacity: 1 });
      const viewer = newStudent();
      const pending = await book(viewer, course.courseId);
      expectError(await register(newStudent(), { courseId: course.courseId }), 'CONFLICT');
      const result = await reject(admin, pending.id, '  Prerequisites missing ');
      expect(result.errors).toBeUndefined();
      expect(result.data?.rejectBooking).toMatchObject({
        id: pending.id,
        status: 'REJECTED',
        decisionReason: 'Prerequisites missing',
        decidedBy: { id: admin.id },
      });
      expect(result.data?.rejectBooking.decidedAt).not.toBeNull();
      expect(await seatsTaken(course.courseId)).toBe(0);
      expect(await courseFields(course.courseId, viewer)).toMatchObject({
        seatsLeft: 1,
        viewerBooking: null,
      });
      expect(await enrollmentRows(pending.id)).toEqual([]);
      expect((await eventsOf(pending.id)).at(-1)).toEqual({
        bookingId: pending.id,
        userId: viewer.id,
        courseId: course.courseId,
        status: 'REJECTED',
        previousStatus: 'PENDING',
        enrollmentId: null,
      });
      // The freed seat can be taken.
      await book(newStudent(), course.courseId);
    });

    it('needs no reason', async () => {
      const course = await freshCourse(await service);
      const pending = await book(newStudent(), course.courseId);
      const result = await reject(admin, pending.id);
      expect(result.data?.rejectBooking).toMatchObject({
        status: 'REJECTED',
        decisionReason: null,
      });
    });

    it('checks the reason, the id, the role and the booking', async () => {
      const course = await freshCourse(await service);
      const viewer = newStudent();
      const pending = await book(viewer, course.courseId);
      expectError(await reject(admin, pending.id, 'r'.repeat(1001)), 'BAD_USER_INPUT', 'reason');
      expectError(await reject(admin, 'nope'), 'BAD_USER_INPUT', 'id');
      expectError(await reject(admin, randomUUID()), 'NOT_FOUND');
      expectError(await reject(viewer, pending.id), 'FORBIDDEN');
      expectError(await reject(instructor, pending.id), 'FORBIDDEN');
      expectError(await reject(null, pending.id), 'UNAUTHENTICATED');
      expect(await seatsTaken(course.courseId)).toBe(1);
      expect((await bookingRows(course.courseId))[0]?.status).toBe('PENDING');
    });

    it('is CONFLICT once decided or cancelled, and frees no seat then', async () => {
      const course = await freshCourse(await service);
      const [a, b] = [newStudent(), newStudent()];
      const confirmed = await book(a, course.courseId);
      await confirm(admin, confirmed.id);
      const rejected = await book(b, course.courseId);
      await reject(admin, rejected.id);
      expect(await seatsTaken(course.courseId)).toBe(1);
      for (const id of [confirmed.id, rejected.id]) {
        expectError(await reject(admin, id), 'CONFLICT');
      }
      expect(await seatsTaken(course.courseId)).toBe(1);
    });
  });

  // --- cancelBooking ----------------------------------------------------------------------

  describe('cancelBooking', () => {
    it('cancels a PENDING booking and frees its seat', async () => {
      const course = await freshCourse(await service, { capacity: 1 });
      const viewer = newStudent();
      const pending = await book(viewer, course.courseId);
      const result = await cancel(viewer, pending.id);
      expect(result.errors).toBeUndefined();
      expect(result.data?.cancelBooking).toMatchObject({ id: pending.id, status: 'CANCELLED' });
      expect(await seatsTaken(course.courseId)).toBe(0);
      expect((await courseFields(course.courseId)).seatsLeft).toBe(1);
      expect((await eventsOf(pending.id)).at(-1)).toMatchObject({
        status: 'CANCELLED',
        previousStatus: 'PENDING',
        enrollmentId: null,
      });
      await book(newStudent(), course.courseId);
    });

    it('cancels a CONFIRMED booking: seat freed, enrollment DROPPED', async () => {
      const course = await freshCourse(await service, { capacity: 2 });
      const viewer = newStudent();
      const booking = await book(viewer, course.courseId);
      await confirm(admin, booking.id);
      const [enrollment] = await enrollmentRows(booking.id);
      const result = await cancel(viewer, booking.id);
      expect(result.data?.cancelBooking.status).toBe('CANCELLED');
      expect(await enrollmentRows(booking.id)).toEqual([
        expect.objectContaining({ id: enrollment?.id, status: 'DROPPED' }),
      ]);
      expect(await courseFields(course.courseId, viewer)).toEqual({
        seatsLeft: 2,
        enrollmentCount: 0,
        viewerBooking: null,
      });
      expect((await eventsOf(booking.id)).map((e) => [e.status, e.previousStatus])).toEqual([
        ['PENDING', null],
        ['CONFIRMED', 'PENDING'],
        ['CANCELLED', 'CONFIRMED'],
      ]);
      expect((await eventsOf(booking.id)).at(-1)?.enrollmentId).toBe(enrollment?.id);
    });

    it("is the owner's only: others FORBIDDEN, admins included", async () => {
      const course = await freshCourse(await service);
      const viewer = newStudent();
      const pending = await book(viewer, course.courseId);
      for (const someone of [newStudent(), admin]) {
        expectError(await cancel(someone, pending.id), 'FORBIDDEN');
      }
      expectError(await cancel(null, pending.id), 'UNAUTHENTICATED');
      expect(await seatsTaken(course.courseId)).toBe(1);
      // An admin may cancel their own booking.
      const own = await book(admin, course.courseId);
      expect((await cancel(admin, own.id)).errors).toBeUndefined();
    });

    it('reports unknown and malformed ids', async () => {
      expectError(await cancel(newStudent(), randomUUID()), 'NOT_FOUND');
      expectError(await cancel(newStudent(), 'x'), 'BAD_USER_INPUT', 'id');
    });

    it('is CONFLICT for a cancelled or rejected booking, and frees no seat twice', async () => {
      const course = await freshCourse(await service);
      const [a, b, c] = [newStudent(), newStudent(), newStudent()];
      await book(c, course.courseId);
      const cancelled = await book(a, course.courseId);
      await cancel(a, cancelled.id);
      const rejected = await book(b, course.courseId);
      await reject(admin, rejected.id);
      expect(await seatsTaken(course.courseId)).toBe(1);
      expectError(await cancel(a, cancelled.id), 'CONFLICT');
      expectError(await cancel(b, rejected.id), 'CONFLICT');
      expect(await seatsTaken(course.courseId)).toBe(1);
    });

    it('frees one seat when the owner cancels twice at once', async () => {
      const course = await freshCourse(await service);
      const viewer = newStudent();
      await book(newStudent(), course.courseId);
      const pending = await book(viewer, course.courseId);
      const results = await Promise.all([cancel(viewer, pending.id), cancel(viewer, pending.id)]);
      expect(results.flatMap(errorCodes)).toEqual(['CONFLICT']);
      expect(await seatsTaken(course.courseId)).toBe(1);
    });
  });

  // --- updateEnrollmentProgress -----------------------------------------------------------

  describe('updateEnrollmentProgress', () => {
    /** A fresh student's ACTIVE enrollment. */
    const enrolled = async () => {
      const course = await freshCourse(await service);
      const viewer = newStudent();
      const booking = await book(viewer, course.courseId);
      await confirm(admin, booking.id);
      const [enrollment] = await enrollmentRows(booking.id);
      return { viewer, booking, courseId: course.courseId, enrollmentId: enrollment?.id as string };
    };

    it('records progress; 100 completes the enrollment', async () => {
      const { viewer, courseId, enrollmentId } = await enrolled();
      const forty = await progress(viewer, enrollmentId, 40);
      expect(forty.errors).toBeUndefined();
      expect(forty.data?.updateEnrollmentProgress).toEqual({
        id: enrollmentId,
        status: 'ACTIVE',
        progressPercent: 40,
        completedAt: null,
        user: { id: viewer.id },
        course: { id: courseId },
      });
      expect(
        (await progress(viewer, enrollmentId, 10)).data?.updateEnrollmentProgress,
      ).toMatchObject({ status: 'ACTIVE', progressPercent: 10 });
      const done = await progress(viewer, enrollmentId, 100);
      expect(done.data?.updateEnrollmentProgress).toMatchObject({
        status: 'COMPLETED',
        progressPercent: 100,
      });
      const completedAt = Date.parse(done.data?.updateEnrollmentProgress.completedAt as string);
      expect(Date.now() - completedAt).toBeLessThan(60_000);
      // Completed still counts as enrolled.
      expect((await courseFields(courseId)).enrollmentCount).toBe(1);
    });

    it('checks the range and the id (BAD_USER_INPUT)', async () => {
      const { viewer, enrollmentId } = await enrolled();
      for (const value of [-1, 101]) {
        expectError(
          await progress(viewer, enrollmentId, value),
          'BAD_USER_INPUT',
          'progressPercent',
        );
      }
      expectError(await progress(viewer, 'nope', 50), 'BAD_USER_INPUT', 'id');
      expect((await progress(viewer, enrollmentId, 0)).errors).toBeUndefined();
    });

    it("is the student's own: others FORBIDDEN, admins included", async () => {
      const { viewer, enrollmentId } = await enrolled();
      for (const someone of [newStudent(), admin]) {
        expectError(await progress(someone, enrollmentId, 50), 'FORBIDDEN');
      }
      expectError(await progress(null, enrollmentId, 50), 'UNAUTHENTICATED');
      expectError(await progress(viewer, randomUUID(), 50), 'NOT_FOUND');
      const [row] = await sql<{ progress_percent: number }>(
        `SELECT "progress_percent" FROM "booking"."enrollments" WHERE "id" = $1`,
        [enrollmentId],
      );
      expect(row?.progress_percent).toBe(0);
    });

    it('is CONFLICT for COMPLETED and DROPPED enrollments', async () => {
      const completed = await enrolled();
      await progress(completed.viewer, completed.enrollmentId, 100);
      expectError(await progress(completed.viewer, completed.enrollmentId, 50), 'CONFLICT');
      const dropped = await enrolled();
      await cancel(dropped.viewer, dropped.booking.id);
      expectError(await progress(dropped.viewer, dropped.enrollmentId, 50), 'CONFLICT');
    });
  });

  // --- the course view, kept from course.changed -----------------------------------------

  describe('course view (booking.course-view)', () => {
    const viewRow = async (courseId: string) =>
      (
        await sql<{
          status: string;
          capacity: number;
          instructor_id: string;
          version: number;
          seats_taken: number;
        }>(
          `SELECT "status", "capacity", "instructor_id", "version", "seats_taken"
             FROM "booking"."courses" WHERE "id" = $1`,
          [courseId],
        )
      )[0];

    it('is subscribed on start', () => {
      expect(() =>
        processEventBus().subscribe({
          group: 'booking.course-view',
          types: ['course.changed'],
          handle: async () => undefined,
        }),
      ).toThrow(/already subscribed/);
    });

    it('applies newer versions and ignores stale ones', async () => {
      const s = await service;
      const course = await freshCourse(s, { capacity: 5, version: 3 });
      const instructorId = randomUUID();
      await deliver(s, courseChanged({ ...course, capacity: 8, instructorId, version: 4 }));
      expect(await viewRow(course.courseId)).toMatchObject({
        capacity: 8,
        instructor_id: instructorId,
        version: 4,
      });
      // Late arrivals (lower or equal version) change nothing.
      await deliver(s, courseChanged({ ...course, status: 'ARCHIVED', capacity: 1, version: 2 }));
      await deliver(s, courseChanged({ ...course, status: 'DRAFT', capacity: 2, version: 4 }));
      expect(await viewRow(course.courseId)).toMatchObject({
        status: 'PUBLISHED',
        capacity: 8,
        instructor_id: instructorId,
        version: 4,
      });
    });

    it('follows the course status: archived is NOT_FOUND, republished bookable', async () => {
      const s = await service;
      const course = await freshCourse(s);
      await deliver(s, courseChanged({ ...course, status: 'ARCHIVED', version: 2 }));
      expectError(await register(newStudent(), { courseId: course.courseId }), 'NOT_FOUND');
      await deliver(s, courseChanged({ ...course, status: 'PUBLISHED', version: 3 }));
      await book(newStudent(), course.courseId);
    });

    it('never touches seats_taken; a capacity under it leaves 0 seats', async () => {
      const s = await service;
      const course = await freshCourse(s, { capacity: 3 });
      await book(newStudent(), course.courseId);
      await book(newStudent(), course.courseId);
      await deliver(s, courseChanged({ ...course, capacity: 1, version: 2 }));
      expect(await viewRow(course.courseId)).toMatchObject({ capacity: 1, seats_taken: 2 });
      expect((await courseFields(course.courseId)).seatsLeft).toBe(0);
      expectError(await register(newStudent(), { courseId: course.courseId }), 'CONFLICT');
      await deliver(s, courseChanged({ ...course, capacity: 4, version: 3 }));
      expect((await courseFields(course.courseId)).seatsLeft).toBe(2);
    });

    it('applies an event delivered twice once', async () => {
      const s = await service;
      const course = await freshCourse(s);
      const event = courseChanged({ ...course, capacity: 30, version: 2 });
      await deliver(s, event);
      // Make the row look older than the event: only the processed-event memory can then
      // stop a second delivery from applying it again.
      await sql(`UPDATE "booking"."courses" SET "capacity" = 99, "version" = 0 WHERE "id" = $1`, [
        course.courseId,
      ]);
      await deliver(s, event);
      expect(await viewRow(course.courseId)).toMatchObject({ capacity: 99, version: 0 });
      const processed = await sql(
        `SELECT 1 FROM "booking"."processed_events"
          WHERE "consumer_group" = 'booking.course-view' AND "event_id" = $1`,
        [event.id],
      );
      expect(processed).toHaveLength(1);
    });

    it('skips a payload it can not store instead of failing forever', async () => {
      const s = await service;
      const courseId = randomUUID();
      const broken = courseChanged({
        courseId,
        status: 'GONE' as 'DRAFT',
        capacity: -1,
        instructorId: randomUUID(),
        version: 1,
      });
      await expect(deliver(s, broken)).resolves.toBeUndefined();
      expect(await viewRow(courseId)).toBeUndefined();
    });
  });
});
