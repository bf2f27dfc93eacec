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
import type { Loaders } from './loaders';
import { DEMO_COURSES } from '../shared/demo/catalog';
import { seedCourse } from './seed';
import { buildCourseSubgraph } from './subgraph';

/** A signed-in user with a fresh id, so tests own their rows and never share an owner. */
const freshViewer = (role: Viewer['role']): Viewer => ({
  id: randomUUID(),
  role,
  sessionId: `session-${randomUUID()}`,
  tokenId: `token-${randomUUID()}`,
});
const admin = demoViewer('admin');
const student = demoViewer('student1');

const uniqueSlug = (prefix = 'course'): string => `${prefix}-${randomUUID().slice(0, 8)}`;
const uniqueName = (prefix = 'Room'): string => `${prefix} ${randomUUID().slice(0, 8)}`;

const HOUR = 3_600_000;
/** A time far from every other test's, so rooms are free unless a test books them. */
const someFutureHour = (): number =>
  Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 1_000_000) * 24 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();

const errorField = (result: Result<unknown>): unknown => result.errors?.[0]?.extensions?.field;

interface CourseData {
  id: string;
  slug: string;
  title: string;
  description: string;
  level: string;
  status: string;
  capacity: number;
  publishedAt: string | null;
  price: { amountCents: number; currency: string } | null;
  instructor: { id: string };
}
const COURSE_FIELDS =
  'id slug title description level status capacity publishedAt price { amountCents currency } instructor { id }';

const CREATE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { ${COURSE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCourseInput!) {
  updateCourse(id: $id, input: $input) { ${COURSE_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishCourse(id: $id) { ${COURSE_FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!) { archiveCourse(id: $id) { ${COURSE_FIELDS} } }`;
const ADD_SECTION = `mutation($courseId: ID!, $title: String!) {
  addCourseSection(courseId: $courseId, title: $title) { id title position lessons { id } } }`;
const ADD_LESSON = `mutation($sectionId: ID!, $input: AddLessonInput!) {
  addLesson(sectionId: $sectionId, input: $input) { id title kind position durationMinutes isPreview } }`;
const CREATE_ROOM = `mutation($input: CreateRoomInput!) {
  createRoom(input: $input) { id name building capacity } }`;
const SCHEDULE = `mutation($input: ScheduleClassInput!) {
  scheduleClass(input: $input) { id startsAt endsAt course { id } room { id } } }`;
const RECORD = `mutation($scheduleId: ID!, $studentId: ID!, $status: AttendanceStatus!) {
  recordAttendance(scheduleId: $scheduleId, studentId: $studentId, status: $status) {
    student { id } status checkedInAt } }`;
const COURSE = `query($id: ID!) { course(id: $id) { ${COURSE_FIELDS}
  sections { id title position lessons { id title position } } } }`;

interface ScheduleData {
  id: string;
  startsAt: string;
  endsAt: string;
  course: { id: string };
  room: { id: string } | null;
}
interface AttendanceData {
  student: { id: string };
  status: string;
  checkedInAt: string | null;
}

describe('course subgraph mutations', () => {
  const service = testConfig().then((config) => buildCourseSubgraph(config, testLog));

  beforeAll(async () => (await service).start({ seed: true }));
  afterAll(async () => (await service).stop());

  const run = async <D>(
    query: string,
    variables: Record<string, unknown> = {},
    viewer: Viewer | null = null,
  ) => execute<D, Loaders>(await service, query, { variables, viewer });

  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await service).dataSource.query(text, params) as Promise<T[]>;

  /** The course.changed payloads recorded for a course, oldest first. */
  const courseEvents = (courseId: string) =>
    sql<{ payload: Record<string, unknown> }>(
      `SELECT "payload" FROM "course"."outbox"
        WHERE "type" = 'course.changed' AND "payload"->>'courseId' = $1
        ORDER BY "position"`,
      [courseId],
    ).then((rows) => rows.map((row) => row.payload));

  const versionOf = async (courseId: string): Promise<number | undefined> =>
    (
      await sql<{ version: number }>(`SELECT "version" FROM "course"."courses" WHERE "id" = $1`, [
        courseId,
      ])
    )[0]?.version;

  const outboxSize = async (): Promise<number> =>
    Number((await sql<{ n: string }>(`SELECT count(*) AS "n" FROM "course"."outbox"`))[0]?.n);

  const expectError = (result: Result<unknown>, code: string, field?: string) => {
    expect(errorCodes(result)).toEqual([code]);
    if (field !== undefined) expect(errorField(result)).toBe(field);
    expect(result.data ?? null).toBeNull();
  };

  const courseInput = (overrides: Record<string, unknown> = {}) => ({
    slug: uniqueSlug(),
    title: 'Mutation test course',
    level: 'BEGINNER',
    capacity: 12,
    ...overrides,
  });

  /** A new course owned by `owner` (DRAFT unless published). */
  const newCourse = async (
    owner: Viewer,
    overrides: Record<string, unknown> = {},
  ): Promise<CourseData> => {
    const result = await run<{ createCourse: CourseData }>(
      CREATE,
      { input: courseInput(overrides) },
      owner,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createCourse;
  };

  const newRoom = async (capacity = 20): Promise<string> => {
    const result = await run<{ createRoom: { id: string } }>(
      CREATE_ROOM,
      { input: { name: uniqueName(), building: 'Test Building', capacity } },
      admin,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createRoom.id;
  };

  const courseAs = async (id: string, viewer: Viewer | null) =>
    (await run<{ course: CourseData | null }>(COURSE, { id }, viewer)).data?.course ?? null;

  describe('createCourse', () => {
    it('creates a DRAFT course of the instructor at version 1 and records course.changed', async () => {
      const instructor = freshViewer('INSTRUCTOR');
      const slug = uniqueSlug();
      const result = await run<{ createCourse: CourseData }>(
        CREATE,
        {
          input: {
            slug,
            title: '  Trimmed title  ',
            description: 'All about mutations.',
            level: 'INTERMEDIATE',
            capacity: 25,
            price: { amountCents: 1999, currency: 'USD' },
          },
        },
        instructor,
      );
      expect(result.errors).toBeUndefined();
      const course = result.data?.createCourse as CourseData;
      expect(course).toEqual({
        id: expect.any(String),
        slug,
        title: 'Trimmed title',
        description: 'All about mutations.',
        level: 'INTERMEDIATE',
        status: 'DRAFT',
        capacity: 25,
        publishedAt: null,
        price: { amountCents: 1999, currency: 'USD' },
        instructor: { id: instructor.id },
      });
      expect(await versionOf(course.id)).toBe(1);
      expect(await courseEvents(course.id)).toEqual([
        {
          courseId: course.id,
          status: 'DRAFT',
          capacity: 25,
          instructorId: instructor.id,
          version: 1,
        },
      ]);
      // The owner reads it back; nobody else sees a draft.
      expect((await courseAs(course.id, instructor))?.slug).toBe(slug);
      expect(await courseAs(course.id, null)).toBeNull();
    });

    it('makes a course without price free, with an empty description', async () => {
      const course = await newCourse(freshViewer('INSTRUCTOR'));
      expect(course.price).toBeNull();
      expect(course.description).toBe('');
    });

    it('lets an ADMIN name the instructor, and an instructor name only themself', async () => {
      const instructor = freshViewer('INSTRUCTOR');
      const byAdmin = await newCourse(admin, { instructorId: instructor.id });
      expect(byAdmin.instructor.id).toBe(instructor.id);
      expect((await courseEvents(byAdmin.id))[0]).toMatchObject({ instructorId: instructor.id });
      const byAdminForSelf = await newCourse(admin);
      expect(byAdminForSelf.instructor.id).toBe(admin.id);
      const self = await newCourse(instructor, { instructorId: instructor.id });
      expect(self.instructor.id).toBe(instructor.id);

      const slug = uniqueSlug();
      const other = await run(
        CREATE,
        { input: courseInput({ slug, instructorId: randomUUID() }) },
        instructor,
      );
      expectError(other, 'FORBIDDEN');
      expect(await sql(`SELECT 1 FROM "course"."courses" WHERE "slug" = $1`, [slug])).toEqual([]);
    });

    it('refuses students (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
      const before = await outboxSize();
      expectError(await run(CREATE, { input: courseInput() }, student), 'FORBIDDEN');
      expectError(await run(CREATE, { input: courseInput() }, null), 'UNAUTHENTICATED');
      expect(await outboxSize()).toBe(before);
    });

    it('names the bad input field', async () => {
      const instructor = freshViewer('INSTRUCTOR');
      const cases: [Record<string, unknown>, string][] = [
        [{ slug: 'Not A Slug' }, 'slug'],
        [{ slug: 'double--dash' }, 'slug'],
        [{ slug: '-leading' }, 'slug'],
        [{ slug: 'a'.repeat(101) }, 'slug'],
        [{ title: '   ' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ description: 'x'.repeat(10_001) }, 'description'],
        [{ capacity: 0 }, 'capacity'],
        [{ capacity: 10_001 }, 'capacity'],
        [{ price: { amountCents: -1, currency: 'EUR' } }, 'amountCents'],
        [{ price: { amountCents: 100, currency: 'eur' } }, 'currency'],
        [{ price: { amountCents: 100, currency: 'EURO' } }, 'currency'],
        [{ instructorId: 'not-a-uuid' }, 'instructorId'],
      ];
      for (const [overrides, field] of cases) {
        const result = await run(CREATE, { input: courseInput(overrides) }, instructor);
        expectError(result, 'BAD_USER_INPUT', field);
      }
      // The limits themselves are accepted.
      const edge = await newCourse(instructor, {
        slug: `a${randomUUID().replace(/-/g, '')}`.padEnd(100, '0').slice(0, 100),
        capacity: 10_000,
        price: { amountCents: 0, currency: 'EUR' },
      });
      expect(edge.capacity).toBe(10_000);
      expect(edge.price).toEqual({ amountCents: 0, currency: 'EUR' });
    });

    it('answers CONFLICT for a taken slug, also when two requests race for it', async () => {
      const instructor = freshViewer('INSTRUCTOR');
      const taken = await newCourse(instructor);
      const before = await outboxSize();
      expectError(
        await run(CREATE, { input: courseInput({ slug: taken.slug }) }, freshViewer('INSTRUCTOR')),
        'CONFLICT',
      );
      expect(await outboxSize()).toBe(before);

      const slug = uniqueSlug('race');
      const results = await Promise.all(
        [0, 1].map(() => run(CREATE, { input: courseInput({ slug }) }, instructor)),
      );
      expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
      expect(await sql(`SELECT 1 FROM "course"."courses" WHERE "slug" = $1`, [slug])).toHaveLength(
        1,
      );
    });
  });

  describe('updateCourse', () => {
    it('changes the given fields, bumps the version and records one course.changed', async () => {
      const instructor = freshViewer('INSTRUCTOR');
      const course = await newCourse(instructor, {
        description: 'Before',
        price: { amountCents: 500, currency: 'EUR' },
      });
      const slug = uniqueSlug('renamed');
      const result = await run<{ updateCourse: CourseData }>(
        UPDATE,
        { id: course.id, input: { slug, title: 'Renamed', capacity: 30, price: null } },
        instructor,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateCourse).toMatchObject({
        slug,
        title: 'Renamed',
        description: 'Before',
        capacity: 30,
        price: null,
        level: 'BEGINNER',
        status: 'DRAFT',
      });
      expect(await versionOf(course.id)).toBe(2);
      const events = await courseEvents(course.id);
      expect(events).toHaveLength(2);
      expect(events[1]).toEqual({
        courseId: course.id,
        status: 'DRAFT',
        capacity: 30,
        instructorId: instructor.id,
        version: 2,
      });

      // Clearing the description and setting a price again: version 3.
      const again = await run<{ updateCourse: CourseData }>(
        UPDATE,
        {
          id: course.id,
          input: {
            description: null,
            level: 'ADVANCED',
            price: { amountCents: 1, currency: 'GBP' },
          },
        },
        instructor,
      );
      expect(again.data?.updateCourse).toMatchObject({
        description: '',
        level: 'ADVANCED',
        price: { amountCents: 1, currency: 'GBP' },
      });
      expect(await versionOf(course.id)).toBe(3);
      expect((await courseEvents(course.id)).map((e) => e.version)).toEqual([1, 2, 3]);
    });

    it('changes nothing (no version, no event) when the values are the same', async () => {
      const instructor = freshViewer('INSTRUCTOR');
      const course = await newCourse(instructor);
      for (const input of [{}, { title: course.title, capacity: course.capacity, price: null }]) {
        const result = await run<{ updateCourse: CourseData }>(
          UPDATE,
          { id: course.id, input },
          instructor,
        );
        expect(result.data?.updateCourse.id).toBe(course.id);
      }
      expect(await versionOf(course.id)).toBe(1);
      expect(await courseEvents(course.id)).toHaveLength(1);
    });

    it('lets an ADMIN update any course and hand it to another instructor', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const successor = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      expectError(
        await run(UPDATE, { id: course.id, input: { instructorId: successor.id } }, owner),
        'FORBIDDEN',
      );
      // Naming the current instructor is no change, so allowed.
      const same = await run(UPDATE, { id: course.id, input: { instructorId: owner.id } }, owner);
      expect(same.errors).toBeUndefined();
      const handed = await run<{ updateCourse: CourseData }>(
        UPDATE,
        { id: course.id, input: { instructorId: successor.id } },
        admin,
      );
      expect(handed.data?.updateCourse.instructor.id).toBe(successor.id);
      expect((await courseEvents(course.id)).at(-1)).toMatchObject({
        instructorId: successor.id,
        version: 2,
      });
      expectError(
        await run(UPDATE, { id: course.id, input: { title: 'Mine' } }, owner),
        'FORBIDDEN',
      );
      const bySuccessor = await run(
        UPDATE,
        { id: course.id, input: { title: 'Now mine' } },
        successor,
      );
      expect(bySuccessor.errors).toBeUndefined();
    });

    it('refuses students, other instructors (draft or published) and anonymous callers', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const draft = await newCourse(owner);
      const published = await newCourse(owner);
      await run(PUBLISH, { id: published.id }, owner);
      const other = freshViewer('INSTRUCTOR');
      for (const course of [draft, published]) {
        const input = { title: 'Hijacked' };
        expectError(await run(UPDATE, { id: course.id, input }, other), 'FORBIDDEN');
        expectError(await run(UPDATE, { id: course.id, input }, student), 'FORBIDDEN');
        expectError(await run(UPDATE, { id: course.id, input }, null), 'UNAUTHENTICATED');
        expect((await courseAs(course.id, owner))?.title).toBe('Mutation test course');
      }
    });

    it('answers NOT_FOUND, BAD_USER_INPUT and CONFLICT', async () => {
      const instructor = freshViewer('INSTRUCTOR');
      const course = await newCourse(instructor);
      const taken = await newCourse(freshViewer('INSTRUCTOR'));
      expectError(
        await run(UPDATE, { id: randomUUID(), input: { title: 'x' } }, instructor),
        'NOT_FOUND',
      );
      expectError(
        await run(UPDATE, { id: 'nope', input: { title: 'x' } }, instructor),
        'BAD_USER_INPUT',
        'id',
      );
      const cases: [Record<string, unknown>, string][] = [
        [{ slug: 'UPPER' }, 'slug'],
        [{ slug: null }, 'slug'],
        [{ title: '' }, 'title'],
        [{ title: null }, 'title'],
        [{ level: null }, 'level'],
        [{ description: 'x'.repeat(10_001) }, 'description'],
        [{ capacity: 0 }, 'capacity'],
        [{ capacity: null }, 'capacity'],
        [{ price: { amountCents: -5, currency: 'EUR' } }, 'amountCents'],
        [{ price: { amountCents: 5, currency: 'E1R' } }, 'currency'],
        [{ instructorId: null }, 'instructorId'],
        [{ instructorId: 'x' }, 'instructorId'],
      ];
      for (const [input, field] of cases) {
        expectError(
          await run(UPDATE, { id: course.id, input }, instructor),
          'BAD_USER_INPUT',
          field,
        );
      }
      expectError(
        await run(UPDATE, { id: course.id, input: { slug: taken.slug } }, instructor),
        'CONFLICT',
      );
      expect(await versionOf(course.id)).toBe(1);
      expect(await courseEvents(course.id)).toHaveLength(1);
    });
  });

  describe('publishCourse and archiveCourse', () => {
    it('publishes, archives and republishes, with visibility following the status', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const visibleTo = async () => ({
        anonymous: (await courseAs(course.id, null))?.status ?? null,
        student: (await courseAs(course.id, student))?.status ?? null,
        otherInstructor: (await courseAs(course.id, freshViewer('INSTRUCTOR')))?.status ?? null,
        owner: (await courseAs(course.id, owner))?.status ?? null,
        admin: (await courseAs(course.id, admin))?.status ?? null,
      });
      expect(await visibleTo()).toEqual({
        anonymous: null,
        student: null,
        otherInstructor: null,
        owner: 'DRAFT',
        admin: 'DRAFT',
      });

      const published = await run<{ publishCourse: CourseData }>(PUBLISH, { id: course.id }, owner);
      expect(published.errors).toBeUndefined();
      const firstPublishedAt = published.data?.publishCourse.publishedAt;
      expect(published.data?.publishCourse.status).toBe('PUBLISHED');
      expect(firstPublishedAt).toEqual(expect.any(String));
      expect(await visibleTo()).toEqual({
        anonymous: 'PUBLISHED',
        student: 'PUBLISHED',
        otherInstructor: 'PUBLISHED',
        owner: 'PUBLISHED',
        admin: 'PUBLISHED',
      });

      // Publishing again: unchanged, no version bump, no event.
      const again = await run<{ publishCourse: CourseData }>(PUBLISH, { id: course.id }, owner);
      expect(again.data?.publishCourse).toMatchObject({
        status: 'PUBLISHED',
        publishedAt: firstPublishedAt,
      });
      expect(await versionOf(course.id)).toBe(2);

      const archived = await run<{ archiveCourse: CourseData }>(ARCHIVE, { id: course.id }, admin);
      expect(archived.data?.archiveCourse.status).toBe('ARCHIVED');
      expect(await visibleTo()).toEqual({
        anonymous: null,
        student: null,
        otherInstructor: null,
        owner: 'ARCHIVED',
        admin: 'ARCHIVED',
      });
      const archivedAgain = await run<{ archiveCourse: CourseData }>(
        ARCHIVE,
        { id: course.id },
        owner,
      );
      expect(archivedAgain.data?.archiveCourse.status).toBe('ARCHIVED');

      // Back to PUBLISHED: publishedAt stays the first publication.
      const republished = await run<{ publishCourse: CourseData }>(
        PUBLISH,
        { id: course.id },
        owner,
      );
      expect(republished.data?.publishCourse).toMatchObject({
        status: 'PUBLISHED',
        publishedAt: firstPublishedAt,
      });

      expect(await versionOf(course.id)).toBe(4);
      expect((await courseEvents(course.id)).map((e) => [e.status, e.version, e.capacity])).toEqual(
        [
          ['DRAFT', 1, 12],
          ['PUBLISHED', 2, 12],
          ['ARCHIVED', 3, 12],
          ['PUBLISHED', 4, 12],
        ],
      );
    });

    it('archives a DRAFT course directly and lists it only for owner and admin', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const archived = await run<{ archiveCourse: CourseData }>(ARCHIVE, { id: course.id }, owner);
      expect(archived.data?.archiveCourse).toMatchObject({ status: 'ARCHIVED', publishedAt: null });
      const listed = async (viewer: Viewer | null) =>
        (
          await run<{ courses: { edges: { node: { id: string } }[] } }>(
            `query($filter: CourseFilter) { courses(first: 100, filter: $filter) { edges { node { id } } } }`,
            { filter: { instructorId: owner.id } },
            viewer,
          )
        ).data?.courses.edges.map((e) => e.node.id);
      expect(await listed(null)).toEqual([]);
      expect(await listed(owner)).toEqual([course.id]);
      expect(await listed(admin)).toEqual([course.id]);
    });

    it('answers FORBIDDEN, UNAUTHENTICATED, NOT_FOUND and BAD_USER_INPUT', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      for (const mutation of [PUBLISH, ARCHIVE]) {
        expectError(await run(mutation, { id: course.id }, freshViewer('INSTRUCTOR')), 'FORBIDDEN');
        expectError(await run(mutation, { id: course.id }, student), 'FORBIDDEN');
        expectError(await run(mutation, { id: course.id }, null), 'UNAUTHENTICATED');
        expectError(await run(mutation, { id: randomUUID() }, owner), 'NOT_FOUND');
        expectError(await run(mutation, { id: '123' }, owner), 'BAD_USER_INPUT', 'id');
      }
      expect((await courseAs(course.id, owner))?.status).toBe('DRAFT');
      expect(await courseEvents(course.id)).toHaveLength(1);
    });

    it('refuses another instructor on a PUBLISHED course too', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      await run(PUBLISH, { id: course.id }, owner);
      expectError(await run(ARCHIVE, { id: course.id }, freshViewer('INSTRUCTOR')), 'FORBIDDEN');
      expect((await courseAs(course.id, null))?.status).toBe('PUBLISHED');
    });
  });

  describe('addCourseSection and addLesson', () => {
    type SectionData = { id: string; title: string; position: number; lessons: { id: string }[] };
    type LessonData = {
      id: string;
      title: string;
      kind: string;
      position: number;
      durationMinutes: number | null;
      isPreview: boolean;
    };
    const addSection = (courseId: string, title: string, viewer: Viewer | null) =>
      run<{ addCourseSection: SectionData }>(ADD_SECTION, { courseId, title }, viewer);
    const addLessonTo = (
      sectionId: string,
      input: Record<string, unknown>,
      viewer: Viewer | null,
    ) => run<{ addLesson: LessonData }>(ADD_LESSON, { sectionId, input }, viewer);

    it('appends sections and lessons at the next position, without course events', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const first = await addSection(course.id, ' Basics ', owner);
      expect(first.data?.addCourseSection).toEqual({
        id: expect.any(String),
        title: 'Basics',
        position: 0,
        lessons: [],
      });
      const second = await addSection(course.id, 'Advanced', admin);
      expect(second.data?.addCourseSection.position).toBe(1);
      const sectionId = first.data?.addCourseSection.id as string;

      const video = await addLessonTo(
        sectionId,
        { title: 'Intro', kind: 'VIDEO', durationMinutes: 12, isPreview: true },
        owner,
      );
      expect(video.data?.addLesson).toEqual({
        id: expect.any(String),
        title: 'Intro',
        kind: 'VIDEO',
        position: 0,
        durationMinutes: 12,
        isPreview: true,
      });
      const text = await addLessonTo(sectionId, { title: 'Reading', kind: 'TEXT' }, admin);
      expect(text.data?.addLesson).toMatchObject({
        position: 1,
        durationMinutes: null,
        isPreview: false,
      });

      const outline = await run<{ course: { sections: SectionData[] } }>(
        `query($id: ID!) { course(id: $id) { sections { title position lessons { title } } } }`,
        { id: course.id },
        owner,
      );
      expect(outline.data?.course.sections).toEqual([
        { title: 'Basics', position: 0, lessons: [{ title: 'Intro' }, { title: 'Reading' }] },
        { title: 'Advanced', position: 1, lessons: [] },
      ]);
      expect(await courseEvents(course.id)).toHaveLength(1);
      expect(await versionOf(course.id)).toBe(1);
    });

    it('gives concurrent adds distinct positions', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const sections = await Promise.all(
        Array.from({ length: 6 }, (_, i) => addSection(course.id, `Section ${i}`, owner)),
      );
      expect(sections.every((s) => s.errors === undefined)).toBe(true);
      expect(sections.map((s) => s.data?.addCourseSection.position).sort()).toEqual([
        0, 1, 2, 3, 4, 5,
      ]);
      const sectionId = sections[0]?.data?.addCourseSection.id as string;
      const lessons = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          addLessonTo(sectionId, { title: `Lesson ${i}`, kind: 'QUIZ' }, owner),
        ),
      );
      expect(lessons.every((l) => l.errors === undefined)).toBe(true);
      expect(lessons.map((l) => l.data?.addLesson.position).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('refuses students, other instructors and anonymous callers', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const section = await addSection(course.id, 'Mine', owner);
      const sectionId = section.data?.addCourseSection.id as string;
      const other = freshViewer('INSTRUCTOR');
      expectError(await addSection(course.id, 'Theirs', other), 'FORBIDDEN');
      expectError(await addSection(course.id, 'Theirs', student), 'FORBIDDEN');
      expectError(await addSection(course.id, 'Theirs', null), 'UNAUTHENTICATED');
      const lesson = { title: 'Theirs', kind: 'TEXT' };
      expectError(await addLessonTo(sectionId, lesson, other), 'FORBIDDEN');
      expectError(await addLessonTo(sectionId, lesson, student), 'FORBIDDEN');
      expectError(await addLessonTo(sectionId, lesson, null), 'UNAUTHENTICATED');
      const rows = await sql(
        `SELECT 1 FROM "course"."course_sections" s
           LEFT JOIN "course"."lessons" l ON l."section_id" = s."id"
          WHERE s."course_id" = $1`,
        [course.id],
      );
      expect(rows).toHaveLength(1);
    });

    it('answers NOT_FOUND and BAD_USER_INPUT naming the field', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const section = await addSection(course.id, 'Mine', owner);
      const sectionId = section.data?.addCourseSection.id as string;
      expectError(await addSection(randomUUID(), 'x', owner), 'NOT_FOUND');
      expectError(await addSection('x', 'x', owner), 'BAD_USER_INPUT', 'courseId');
      expectError(await addSection(course.id, '  ', owner), 'BAD_USER_INPUT', 'title');
      expectError(await addSection(course.id, 'x'.repeat(201), owner), 'BAD_USER_INPUT', 'title');
      expectError(
        await addLessonTo(randomUUID(), { title: 'x', kind: 'TEXT' }, owner),
        'NOT_FOUND',
      );
      expectError(
        await addLessonTo('x', { title: 'x', kind: 'TEXT' }, owner),
        'BAD_USER_INPUT',
        'sectionId',
      );
      expectError(
        await addLessonTo(sectionId, { title: '', kind: 'TEXT' }, owner),
        'BAD_USER_INPUT',
        'title',
      );
      for (const durationMinutes of [0, 1441, -3]) {
        expectError(
          await addLessonTo(sectionId, { title: 'x', kind: 'TEXT', durationMinutes }, owner),
          'BAD_USER_INPUT',
          'durationMinutes',
        );
      }
      const longest = await addLessonTo(
        sectionId,
        { title: 'Day long', kind: 'ASSIGNMENT', durationMinutes: 1440 },
        owner,
      );
      expect(longest.data?.addLesson).toMatchObject({ durationMinutes: 1440, position: 0 });
    });
  });

  describe('createRoom', () => {
    it('lets an ADMIN create a room that rooms then lists', async () => {
      const name = uniqueName('Babbage');
      const result = await run<{ createRoom: { id: string } }>(
        CREATE_ROOM,
        { input: { name: `  ${name} `, capacity: 8 } },
        admin,
      );
      expect(result.data?.createRoom).toEqual({
        id: expect.any(String),
        name,
        building: null,
        capacity: 8,
      });
      const rooms = await run<{ rooms: { id: string; name: string }[] }>('{ rooms { id name } }');
      expect(rooms.data?.rooms).toContainEqual({ id: result.data?.createRoom.id, name });
    });

    it('refuses instructors, students and anonymous callers', async () => {
      const name = uniqueName();
      const input = { name, capacity: 10 };
      expectError(await run(CREATE_ROOM, { input }, demoViewer('instructor1')), 'FORBIDDEN');
      expectError(await run(CREATE_ROOM, { input }, student), 'FORBIDDEN');
      expectError(await run(CREATE_ROOM, { input }, null), 'UNAUTHENTICATED');
      expect(await sql(`SELECT 1 FROM "course"."rooms" WHERE "name" = $1`, [name])).toEqual([]);
    });

    it('answers CONFLICT for a taken name and BAD_USER_INPUT naming the field', async () => {
      const name = uniqueName();
      await run(CREATE_ROOM, { input: { name, capacity: 10 } }, admin);
      expectError(await run(CREATE_ROOM, { input: { name, capacity: 12 } }, admin), 'CONFLICT');
      const cases: [Record<string, unknown>, string][] = [
        [{ name: ' ', capacity: 10 }, 'name'],
        [{ name: 'x'.repeat(101), capacity: 10 }, 'name'],
        [{ name: uniqueName(), building: 'b'.repeat(201), capacity: 10 }, 'building'],
        [{ name: uniqueName(), capacity: 0 }, 'capacity'],
        [{ name: uniqueName(), capacity: 10_001 }, 'capacity'],
      ];
      for (const [input, field] of cases) {
        expectError(await run(CREATE_ROOM, { input }, admin), 'BAD_USER_INPUT', field);
      }
    });
  });

  describe('scheduleClass', () => {
    const schedule = (input: Record<string, unknown>, viewer: Viewer | null) =>
      run<{ scheduleClass: ScheduleData }>(SCHEDULE, { input }, viewer);
    const classesInRoom = async (roomId: string): Promise<number> =>
      Number(
        (
          await sql<{ n: string }>(
            `SELECT count(*) AS "n" FROM "course"."class_schedules" WHERE "room_id" = $1`,
            [roomId],
          )
        )[0]?.n,
      );

    it('schedules a class in a room and one online, without course events', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const roomId = await newRoom();
      const start = someFutureHour();
      const inRoom = await schedule(
        { courseId: course.id, roomId, startsAt: iso(start), endsAt: iso(start + HOUR) },
        owner,
      );
      expect(inRoom.errors).toBeUndefined();
      expect(inRoom.data?.scheduleClass).toEqual({
        id: expect.any(String),
        startsAt: iso(start),
        endsAt: iso(start + HOUR),
        course: { id: course.id },
        room: { id: roomId },
      });
      // Online classes have no room, so overlapping them is fine.
      const online = await Promise.all(
        [0, 1].map(() =>
          schedule({ courseId: course.id, startsAt: iso(start), endsAt: iso(start + HOUR) }, admin),
        ),
      );
      expect(online.map((r) => r.data?.scheduleClass.room)).toEqual([null, null]);
      const all = await run<{ course: { schedules: { id: string }[] } }>(
        `query($id: ID!) { course(id: $id) { schedules { id } } }`,
        { id: course.id },
        owner,
      );
      expect(all.data?.course.schedules).toHaveLength(3);
      expect(await courseEvents(course.id)).toHaveLength(1);
    });

    it('refuses an overlapping class in the same room (CONFLICT) but allows back-to-back', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const otherCourse = await newCourse(freshViewer('INSTRUCTOR'));
      const roomId = await newRoom();
      const start = someFutureHour();
      const first = {
        courseId: course.id,
        roomId,
        startsAt: iso(start),
        endsAt: iso(start + 2 * HOUR),
      };
      expect((await schedule(first, owner)).errors).toBeUndefined();

      for (const [from, to] of [
        [start, start + 2 * HOUR], // the same slot
        [start + HOUR, start + 3 * HOUR], // overlaps the end
        [start - HOUR, start + 1], // overlaps the start
        [start + 30 * 60_000, start + HOUR], // inside
        [start - HOUR, start + 3 * HOUR], // around
      ] as [number, number][]) {
        const input = { courseId: course.id, roomId, startsAt: iso(from), endsAt: iso(to) };
        expectError(await schedule(input, owner), 'CONFLICT');
      }
      // Another course cannot have the room either: the rule is per room.
      expectError(await schedule({ ...first, courseId: otherCourse.id }, admin), 'CONFLICT');
      expect(await classesInRoom(roomId)).toBe(1);

      // A class may start the moment the previous one ends, and end when the next starts.
      const after = { ...first, startsAt: iso(start + 2 * HOUR), endsAt: iso(start + 3 * HOUR) };
      const before = { ...first, startsAt: iso(start - HOUR), endsAt: iso(start) };
      expect((await schedule(after, owner)).errors).toBeUndefined();
      expect((await schedule(before, owner)).errors).toBeUndefined();
      // The same time in another room is free.
      const elsewhere = { ...first, roomId: await newRoom() };
      expect((await schedule(elsewhere, owner)).errors).toBeUndefined();
      expect(await classesInRoom(roomId)).toBe(3);
    });

    it('lets exactly one of two concurrent overlapping requests win', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      for (let round = 0; round < 5; round += 1) {
        const roomId = await newRoom();
        const start = someFutureHour();
        const results = await Promise.all([
          schedule(
            { courseId: course.id, roomId, startsAt: iso(start), endsAt: iso(start + HOUR) },
            owner,
          ),
          schedule(
            {
              courseId: course.id,
              roomId,
              startsAt: iso(start + 30 * 60_000),
              endsAt: iso(start + 2 * HOUR),
            },
            admin,
          ),
        ]);
        expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
        expect(await classesInRoom(roomId)).toBe(1);
      }
    });

    it('names endsAt when the class does not end after it starts or lasts over 24 h', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const start = someFutureHour();
      for (const end of [start, start - HOUR, start + 24 * HOUR + 1]) {
        expectError(
          await schedule({ courseId: course.id, startsAt: iso(start), endsAt: iso(end) }, owner),
          'BAD_USER_INPUT',
          'endsAt',
        );
      }
      const dayLong = await schedule(
        { courseId: course.id, startsAt: iso(start), endsAt: iso(start + 24 * HOUR) },
        owner,
      );
      expect(dayLong.errors).toBeUndefined();
    });

    it('answers FORBIDDEN, UNAUTHENTICATED, NOT_FOUND and BAD_USER_INPUT', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const course = await newCourse(owner);
      const roomId = await newRoom();
      const start = someFutureHour();
      const input = {
        courseId: course.id,
        roomId,
        startsAt: iso(start),
        endsAt: iso(start + HOUR),
      };
      expectError(await schedule(input, freshViewer('INSTRUCTOR')), 'FORBIDDEN');
      expectError(await schedule(input, student), 'FORBIDDEN');
      expectError(await schedule(input, null), 'UNAUTHENTICATED');
      expectError(await schedule({ ...input, courseId: randomUUID() }, owner), 'NOT_FOUND');
      expectError(await schedule({ ...input, roomId: randomUUID() }, owner), 'NOT_FOUND');
      expectError(await schedule({ ...input, courseId: 'c' }, owner), 'BAD_USER_INPUT', 'courseId');
      expectError(await schedule({ ...input, roomId: 'r' }, owner), 'BAD_USER_INPUT', 'roomId');
      expect(await classesInRoom(roomId)).toBe(0);
    });
  });

  describe('recordAttendance', () => {
    const record = (scheduleId: string, studentId: string, status: string, viewer: Viewer | null) =>
      run<{ recordAttendance: AttendanceData }>(RECORD, { scheduleId, studentId, status }, viewer);
    const rowsOf = (scheduleId: string) =>
      sql<{ status: string; checked_in_at: Date | null }>(
        `SELECT "status", "checked_in_at" FROM "course"."attendance_records" WHERE "schedule_id" = $1`,
        [scheduleId],
      );

    const newClass = async (owner: Viewer): Promise<string> => {
      const course = await newCourse(owner);
      const start = someFutureHour();
      const result = await run<{ scheduleClass: ScheduleData }>(
        SCHEDULE,
        { input: { courseId: course.id, startsAt: iso(start), endsAt: iso(start + HOUR) } },
        owner,
      );
      return result.data?.scheduleClass.id as string;
    };

    it('upserts one record per student; PRESENT/LATE keep the check-in time', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const scheduleId = await newClass(owner);
      const studentId = randomUUID();

      const present = await record(scheduleId, studentId, 'PRESENT', owner);
      expect(present.errors).toBeUndefined();
      const checkedInAt = present.data?.recordAttendance.checkedInAt;
      expect(present.data?.recordAttendance).toEqual({
        student: { id: studentId },
        status: 'PRESENT',
        checkedInAt: expect.any(String),
      });

      // Corrected to LATE: still one row, the check-in time kept.
      const late = await record(scheduleId, studentId, 'LATE', admin);
      expect(late.data?.recordAttendance).toEqual({
        student: { id: studentId },
        status: 'LATE',
        checkedInAt,
      });
      expect(await rowsOf(scheduleId)).toEqual([
        { status: 'LATE', checked_in_at: new Date(checkedInAt as string) },
      ]);

      // ABSENT clears it; PRESENT afterwards checks in anew.
      const absent = await record(scheduleId, studentId, 'ABSENT', owner);
      expect(absent.data?.recordAttendance).toMatchObject({ status: 'ABSENT', checkedInAt: null });
      const excused = await record(scheduleId, studentId, 'EXCUSED', owner);
      expect(excused.data?.recordAttendance).toMatchObject({
        status: 'EXCUSED',
        checkedInAt: null,
      });
      const back = await record(scheduleId, studentId, 'PRESENT', owner);
      expect(back.data?.recordAttendance.checkedInAt).toEqual(expect.any(String));
      expect(await rowsOf(scheduleId)).toHaveLength(1);

      // Another student is a second row; the attendance field shows both.
      await record(scheduleId, randomUUID(), 'ABSENT', owner);
      expect(await rowsOf(scheduleId)).toHaveLength(2);
      const shown = await run<{ _entities: { attendance: AttendanceData[] }[] }>(
        `query($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on ClassSchedule { attendance { status student { id } } } } }`,
        { reps: [{ __typename: 'ClassSchedule', id: scheduleId }] },
        owner,
      );
      expect(shown.data?._entities[0]?.attendance).toContainEqual({
        status: 'PRESENT',
        student: { id: studentId },
      });
    });

    it('keeps one row when the same student is recorded concurrently', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const scheduleId = await newClass(owner);
      const studentId = randomUUID();
      const results = await Promise.all(
        ['PRESENT', 'LATE', 'PRESENT', 'LATE'].map((status) =>
          record(scheduleId, studentId, status, owner),
        ),
      );
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      expect(await rowsOf(scheduleId)).toHaveLength(1);
    });

    it('answers FORBIDDEN, UNAUTHENTICATED, NOT_FOUND and BAD_USER_INPUT', async () => {
      const owner = freshViewer('INSTRUCTOR');
      const scheduleId = await newClass(owner);
      const studentId = randomUUID();
      expectError(
        await record(scheduleId, studentId, 'PRESENT', freshViewer('INSTRUCTOR')),
        'FORBIDDEN',
      );
      expectError(await record(scheduleId, studentId, 'PRESENT', student), 'FORBIDDEN');
      expectError(await record(scheduleId, studentId, 'PRESENT', null), 'UNAUTHENTICATED');
      expectError(await record(randomUUID(), studentId, 'PRESENT', owner), 'NOT_FOUND');
      expectError(await record('s', studentId, 'PRESENT', owner), 'BAD_USER_INPUT', 'scheduleId');
      expectError(await record(scheduleId, 'x', 'PRESENT', owner), 'BAD_USER_INPUT', 'studentId');
      expect(await rowsOf(scheduleId)).toEqual([]);
    });
  });

  describe('seed', () => {
    const counts = async () =>
      (
        await sql<Record<string, string>>(
          `SELECT (SELECT count(*) FROM "course"."rooms") AS "rooms",
                  (SELECT count(*) FROM "course"."courses") AS "courses",
                  (SELECT count(*) FROM "course"."course_sections") AS "sections",
                  (SELECT count(*) FROM "course"."lessons") AS "lessons",
                  (SELECT count(*) FROM "course"."class_schedules") AS "schedules",
                  (SELECT count(*) FROM "course"."attendance_records") AS "attendance",
                  (SELECT count(*) FROM "course"."outbox") AS "outbox"`,
        )
      )[0];

    it('is idempotent: a second run writes nothing', async () => {
      const before = await counts();
      await seedCourse((await service).services);
      expect(await counts()).toEqual(before);
    });

    it('announced every demo course through course.changed, up to its current version', async () => {
      for (const demo of DEMO_COURSES) {
        const events = await courseEvents(demo.id);
        const [current] = await sql<{
          version: number;
          status: string;
          capacity: number;
          instructor_id: string;
        }>(
          `SELECT "version", "status", "capacity", "instructor_id" FROM "course"."courses"
            WHERE "id" = $1`,
          [demo.id],
        );
        // One event per change; the newest carries the row as it is now.
        expect(events.length).toBeGreaterThanOrEqual(demo.status === 'DRAFT' ? 1 : 2);
        expect(events.at(-1)).toEqual({
          courseId: demo.id,
          status: current?.status,
          capacity: current?.capacity,
          instructorId: current?.instructor_id,
          version: current?.version,
        });
        expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      }
    });
  });
});
