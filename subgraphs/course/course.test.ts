import { randomUUID } from 'node:crypto';
import type { Viewer } from '../shared/auth/viewer';
import {
  demoViewer,
  errorCodes,
  execute,
  testConfig,
  testLog,
  type Result,
} from '../../test/helpers';
import { sqlLoggerOf } from '../shared/db/data-source';
import { DEMO_COURSES, DEMO_ROOMS, demoCourse, demoUser } from '../shared/demo/catalog';
import { DEMO_ATTENDANCE, DEMO_PAST_SCHEDULE } from './demo-attendance';
import type { Loaders } from './loaders';
import { seedCourse } from './seed';
import { buildCourseSubgraph } from './subgraph';

const federation101 = demoCourse('graphql-federation-101');
const draft = demoCourse('event-driven-architecture');
const free = demoCourse('postgres-for-developers');
const published = DEMO_COURSES.filter((c) => c.status === 'PUBLISHED');
const instructor1 = demoUser('instructor1');

interface CourseNode {
  id: string;
  slug: string;
  title: string;
  status: string;
}
interface CoursesData {
  courses: {
    edges: { cursor: string; node: CourseNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}
interface ScheduleNode {
  id: string;
  startsAt: string;
  endsAt: string;
  course: { id: string };
}

/** The seeded ids first, then random ones up to 100 distinct ids. */
const hundredIds = (seeded: string[]): string[] => [
  ...seeded,
  ...Array.from({ length: 100 - seeded.length }, () => randomUUID()),
];

const errorField = (result: Result<unknown>): unknown => result.errors?.[0]?.extensions?.field;

describe('course subgraph', () => {
  const service = testConfig().then((config) => buildCourseSubgraph(config, testLog));

  beforeAll(async () => (await service).start({ seed: true }));
  afterAll(async () => (await service).stop());

  const run = async <D>(
    query: string,
    options: { variables?: Record<string, unknown>; viewer?: Viewer | null } = {},
  ) => execute<D, Loaders>(await service, query, options);

  /** `_entities` for `typename` with one representation per id. */
  const entities = <T>(typename: string, ids: string[], selection: string, viewer?: Viewer) =>
    run<{ _entities: (T | null)[] }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ${typename} { ${selection} } } }`,
      { variables: { reps: ids.map((id) => ({ __typename: typename, id })) }, viewer },
    );

  /** Runs `operation` and returns how many SQL statements it cost. */
  const statementsOf = async (operation: () => Promise<unknown>): Promise<number> => {
    const sql = sqlLoggerOf((await service).dataSource);
    sql.reset();
    await operation();
    return sql.statements;
  };

  it('seeds idempotently: a second run only checks and adds nothing', async () => {
    const s = await service;
    expect(await statementsOf(() => seedCourse(s.services))).toBe(1);
  });

  describe('entity references cost one statement per batch', () => {
    const courseIds = hundredIds(DEMO_COURSES.map((c) => c.id));
    const seededScheduleIds = [
      ...DEMO_COURSES.flatMap((c) => c.schedules.map((s) => s.id)),
      DEMO_PAST_SCHEDULE.id,
    ];
    const scheduleIds = hundredIds(seededScheduleIds);

    it('resolves 100 Course references (drafts too) in one statement', async () => {
      let result: Result<{ _entities: ({ id: string; slug: string } | null)[] }> = {};
      const statements = await statementsOf(async () => {
        result = await entities('Course', courseIds, 'id slug');
      });
      expect(statements).toBe(1);
      expect(result.data?._entities.slice(0, DEMO_COURSES.length)).toEqual(
        DEMO_COURSES.map((c) => ({ id: c.id, slug: c.slug })),
      );
      expect(result.data?._entities.slice(DEMO_COURSES.length).every((e) => e === null)).toBe(true);
    });

    it('adds one statement per child list over 100 courses', async () => {
      const lists = await statementsOf(() =>
        entities(
          'Course',
          courseIds,
          'sections { lessons { id } } instructor { id } price { currency }',
        ),
      );
      expect(lists).toBe(3);
      const schedules = await statementsOf(() =>
        entities(
          'Course',
          courseIds,
          'next: schedules(upcoming: true) { id } past: schedules(upcoming: false) { id } all: schedules { id }',
        ),
      );
      expect(schedules).toBe(2);
    });

    it('resolves 100 ClassSchedule references, then course, room and attendance', async () => {
      let result: Result<{ _entities: ({ id: string } | null)[] }> = {};
      expect(
        await statementsOf(async () => {
          result = await entities('ClassSchedule', scheduleIds, 'id');
        }),
      ).toBe(1);
      expect(result.data?._entities.slice(0, seededScheduleIds.length)).toEqual(
        seededScheduleIds.map((id) => ({ id })),
      );
      expect(result.data?._entities.filter((e) => e !== null)).toHaveLength(
        seededScheduleIds.length,
      );
      expect(
        await statementsOf(() =>
          entities(
            'ClassSchedule',
            scheduleIds,
            'course { id } room { name } attendance { status student { id } }',
            demoViewer('admin'),
          ),
        ),
      ).toBe(4);
    });

    it('resolves User references without SQL and their taughtCourses in one statement', async () => {
      const userIds = hundredIds([instructor1.id, demoUser('instructor2').id]);
      expect(await statementsOf(() => entities('User', userIds, 'id'))).toBe(0);
      expect(await statementsOf(() => entities('User', userIds, 'taughtCourses { id }'))).toBe(1);
    });
  });

  describe('courses', () => {
    const COURSES = `query($first: Int, $after: String, $filter: CourseFilter) {
      courses(first: $first, after: $after, filter: $filter) {
        edges { cursor node { id slug title status } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }`;
    const slugsOf = (result: Result<CoursesData>) =>
      result.data?.courses.edges.map((e) => e.node.slug) ?? [];

    it('lists only PUBLISHED courses to anonymous viewers, ordered by title', async () => {
      const result = await run<CoursesData>(COURSES, { variables: { first: 100 } });
      const nodes = result.data?.courses.edges.map((e) => e.node) ?? [];
      expect(nodes.every((n) => n.status === 'PUBLISHED')).toBe(true);
      expect(slugsOf(result)).toEqual(expect.arrayContaining(published.map((c) => c.slug)));
      expect(slugsOf(result)).not.toContain(draft.slug);
      const demoOrder = nodes.filter((n) => published.some((c) => c.id === n.id));
      expect(demoOrder.map((n) => n.title)).toEqual(published.map((c) => c.title).sort());
    });

    it('shows a DRAFT course to its instructor and admins only', async () => {
      const as = async (key: string) =>
        slugsOf(
          await run<CoursesData>(COURSES, { variables: { first: 100 }, viewer: demoViewer(key) }),
        );
      expect(await as('instructor1')).toContain(draft.slug);
      expect(await as('admin')).toContain(draft.slug);
      expect(await as('instructor2')).not.toContain(draft.slug);
      expect(await as('student1')).not.toContain(draft.slug);
    });

    it('filters by status, level, instructor and search text', async () => {
      const filtered = async (filter: Record<string, unknown>, viewer?: Viewer) =>
        slugsOf(await run<CoursesData>(COURSES, { variables: { first: 100, filter }, viewer }));
      expect(await filtered({ status: 'DRAFT' })).toEqual([]);
      expect(await filtered({ status: 'DRAFT' }, demoViewer('admin'))).toContain(draft.slug);
      const advanced = published.filter((c) => c.level === 'ADVANCED').map((c) => c.slug);
      expect(await filtered({ level: 'ADVANCED' })).toEqual(expect.arrayContaining(advanced));
      const byInstructor = await filtered({ instructorId: instructor1.id });
      expect(byInstructor).toEqual(
        expect.arrayContaining(
          published.filter((c) => c.instructorId === instructor1.id).map((c) => c.slug),
        ),
      );
      expect(byInstructor).not.toContain(free.slug);
      expect(await filtered({ search: 'SUPERGRAPH' })).toContain('designing-supergraphs');
      // Matches the description ("…: a hands-on beginner course…") as well as the title.
      expect(await filtered({ search: 'hands-on beginner' })).toEqual(
        expect.arrayContaining([federation101.slug, free.slug]),
      );
      // % and _ are literal: no demo title or description contains them.
      expect(await filtered({ search: '%' })).toEqual([]);
      expect(await filtered({ search: 'GraphQL_Federation' })).toEqual([]);
    });

    it('rejects a malformed instructorId', async () => {
      const result = await run(COURSES, { variables: { filter: { instructorId: 'nobody' } } });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(errorField(result)).toBe('instructorId');
    });

    it('pages with first/after to the end, consistently with totalCount', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let page = 0; page < 50; page += 1) {
        const result: Result<CoursesData> = await run<CoursesData>(COURSES, {
          variables: { first: 2, after },
        });
        const connection = result.data?.courses;
        if (!connection) throw new Error(JSON.stringify(result.errors));
        total = connection.totalCount;
        seen.push(...connection.edges.map((e) => e.node.id));
        expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
        if (!connection.pageInfo.hasNextPage) break;
        expect(connection.edges).toHaveLength(2);
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen).toEqual(expect.arrayContaining(published.map((c) => c.id)));
    });

    it('rejects first over 100 and a foreign cursor', async () => {
      const tooMany = await run(COURSES, { variables: { first: 101 } });
      expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
      expect(errorField(tooMany)).toBe('first');
      const badCursor = await run(COURSES, { variables: { after: 'not-a-cursor' } });
      expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
      expect(errorField(badCursor)).toBe('after');
    });
  });

  describe('course', () => {
    const COURSE = `query($id: ID, $slug: String) {
      course(id: $id, slug: $slug) {
        id slug title description level status capacity publishedAt
        price { amountCents currency }
        instructor { id }
        sections { title position lessons { id title kind position durationMinutes isPreview } }
        upcoming: schedules(upcoming: true) { id startsAt endsAt room { id } }
        past: schedules(upcoming: false) { id }
        all: schedules { id }
      }
    }`;
    type CourseData = {
      course: {
        id: string;
        slug: string;
        status: string;
        publishedAt: string | null;
        price: { amountCents: number; currency: string } | null;
        sections: { lessons: unknown[] }[];
        upcoming: { id: string; startsAt: string; endsAt: string; room: { id: string } }[];
        past: { id: string }[];
        all: { id: string }[];
      } | null;
    };

    it('returns a published course by id and by slug with its whole outline', async () => {
      const byId = await run<CourseData>(COURSE, { variables: { id: federation101.id } });
      expect(byId.errors).toBeUndefined();
      expect(byId.data?.course).toMatchObject({
        id: federation101.id,
        slug: federation101.slug,
        title: federation101.title,
        description: federation101.description,
        level: federation101.level,
        status: 'PUBLISHED',
        capacity: federation101.capacity,
        price: { amountCents: federation101.priceCents, currency: 'EUR' },
        instructor: { id: instructor1.id },
        sections: federation101.sections.map((section, position) => ({
          title: section.title,
          position,
          lessons: section.lessons.map((lesson, lessonPosition) => ({
            ...lesson,
            position: lessonPosition,
          })),
        })),
        upcoming: federation101.schedules.map((s) => ({ id: s.id, room: { id: s.roomId } })),
        past: [{ id: DEMO_PAST_SCHEDULE.id }],
        all: [{ id: DEMO_PAST_SCHEDULE.id }, ...federation101.schedules.map((s) => ({ id: s.id }))],
      });
      const course = byId.data?.course;
      expect(course?.publishedAt).not.toBeNull();
      const first = course?.upcoming[0];
      expect(
        new Date(first?.endsAt ?? 0).getTime() - new Date(first?.startsAt ?? 0).getTime(),
      ).toBe(3_600_000);
      const bySlug = await run<CourseData>(COURSE, { variables: { slug: federation101.slug } });
      expect(bySlug.data?.course?.id).toBe(federation101.id);
    });

    it('gives a free course a null price', async () => {
      const result = await run<CourseData>(COURSE, { variables: { slug: free.slug } });
      expect(result.data?.course?.price).toBeNull();
    });

    it('hides a DRAFT course from everyone but its instructor and admins', async () => {
      const as = async (viewer?: Viewer) =>
        (await run<CourseData>(COURSE, { variables: { id: draft.id }, viewer })).data?.course;
      expect(await as()).toBeNull();
      expect(await as(demoViewer('student1'))).toBeNull();
      expect(await as(demoViewer('instructor2'))).toBeNull();
      expect(await as(demoViewer('instructor1'))).toMatchObject({
        status: 'DRAFT',
        publishedAt: null,
      });
      expect((await as(demoViewer('admin')))?.id).toBe(draft.id);
    });

    it('returns null for an unknown id or slug', async () => {
      expect(
        (await run<CourseData>(COURSE, { variables: { id: randomUUID() } })).data?.course,
      ).toBeNull();
      expect(
        (await run<CourseData>(COURSE, { variables: { slug: 'no-such-course' } })).data?.course,
      ).toBeNull();
    });

    it('wants exactly one of id and slug, and a UUID id', async () => {
      for (const variables of [
        {},
        { id: federation101.id, slug: federation101.slug },
        { id: 'x' },
      ]) {
        const result = await run(COURSE, { variables });
        expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
        expect(errorField(result)).toBe('id');
      }
    });
  });

  it('lists rooms by name', async () => {
    const result = await run<{
      rooms: { id: string; name: string; building: string; capacity: number }[];
    }>('{ rooms { id name building capacity } }');
    const rooms = result.data?.rooms ?? [];
    expect(rooms).toEqual(expect.arrayContaining(DEMO_ROOMS));
    const names = rooms.map((r) => r.name);
    expect(names).toEqual([...names].sort());
  });

  describe('availableSchedules', () => {
    const AVAILABLE = `query($courseId: ID, $from: DateTime, $to: DateTime) {
      availableSchedules(courseId: $courseId, from: $from, to: $to) { id startsAt endsAt course { id } }
    }`;
    type AvailableData = { availableSchedules: ScheduleNode[] };
    const available = async (variables: Record<string, unknown>) =>
      (await run<AvailableData>(AVAILABLE, { variables })).data?.availableSchedules ?? [];

    it('lists upcoming classes of PUBLISHED courses by start time', async () => {
      const all = await available({});
      const ids = all.map((s) => s.id);
      expect(ids).toEqual(
        expect.arrayContaining(published.flatMap((c) => c.schedules.map((s) => s.id))),
      );
      expect(ids).not.toContain(DEMO_PAST_SCHEDULE.id);
      expect(all.some((s) => s.course.id === draft.id)).toBe(false);
      const starts = all.map((s) => s.startsAt);
      expect(starts).toEqual([...starts].sort());
    });

    it('narrows to a course and a time window', async () => {
      const ofCourse = await available({ courseId: federation101.id });
      expect(ofCourse.map((s) => s.id)).toEqual(federation101.schedules.map((s) => s.id));
      const first = ofCourse[0] as ScheduleNode;
      const window = await available({
        courseId: federation101.id,
        from: first.startsAt,
        to: new Date(new Date(first.startsAt).getTime() + 1).toISOString(),
      });
      expect(window.map((s) => s.id)).toEqual([first.id]);
      const pastWindow = await available({
        courseId: federation101.id,
        from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
        to: new Date().toISOString(),
      });
      expect(pastWindow.map((s) => s.id)).toEqual([DEMO_PAST_SCHEDULE.id]);
      expect(await available({ courseId: draft.id })).toEqual([]);
    });

    it('rejects from after to, and a malformed courseId', async () => {
      const reversed = await run(AVAILABLE, {
        variables: { from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' },
      });
      expect(errorCodes(reversed)).toEqual(['BAD_USER_INPUT']);
      expect(errorField(reversed)).toBe('to');
      const malformed = await run(AVAILABLE, { variables: { courseId: 'x' } });
      expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
      expect(errorField(malformed)).toBe('courseId');
    });
  });

  describe('ClassSchedule.attendance', () => {
    type AttendanceData = {
      _entities: {
        attendance: { status: string; checkedInAt: string | null; student: { id: string } }[];
      }[];
    };
    const attendanceAs = (viewer?: Viewer) =>
      run<AttendanceData>(
        `query($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on ClassSchedule { attendance { status checkedInAt student { id } } } } }`,
        {
          variables: { reps: [{ __typename: 'ClassSchedule', id: DEMO_PAST_SCHEDULE.id }] },
          viewer,
        },
      );

    it("shows the seeded attendance to the course's instructor and to admins", async () => {
      const expected = DEMO_ATTENDANCE.map((a) => ({
        status: a.status,
        student: { id: a.studentId },
        checkedInAt: a.checkInMinutes === null ? null : expect.any(String),
      }));
      expect(expected.length).toBeGreaterThan(0);
      for (const key of ['instructor1', 'admin']) {
        const result = await attendanceAs(demoViewer(key));
        expect(result.errors).toBeUndefined();
        expect(result.data?._entities[0]?.attendance).toEqual(expect.arrayContaining(expected));
      }
    });

    it('refuses anonymous viewers, students and other instructors', async () => {
      expect(errorCodes(await attendanceAs())).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await attendanceAs(demoViewer('student1')))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await attendanceAs(demoViewer('instructor2')))).toEqual(['FORBIDDEN']);
    });
  });

  describe('User.taughtCourses', () => {
    const taught = async (viewer?: Viewer) =>
      (
        await entities<{ taughtCourses: { slug: string }[] }>(
          'User',
          [instructor1.id],
          'taughtCourses { slug }',
          viewer,
        )
      ).data?._entities[0]?.taughtCourses.map((c) => c.slug) ?? [];
    const ownPublished = published
      .filter((c) => c.instructorId === instructor1.id)
      .map((c) => c.slug);

    it('lists published courses to others and drafts only to the instructor and admins', async () => {
      expect(await taught()).toEqual(expect.arrayContaining(ownPublished));
      expect(await taught()).not.toContain(draft.slug);
      expect(await taught(demoViewer('student1'))).not.toContain(draft.slug);
      expect(await taught(demoViewer('instructor1'))).toContain(draft.slug);
      expect(await taught(demoViewer('admin'))).toContain(draft.slug);
    });
  });
});
