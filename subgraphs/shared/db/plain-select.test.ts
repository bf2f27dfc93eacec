import { randomUUID } from 'node:crypto';
import { In, IsNull, MoreThan, type DataSource, type ObjectLiteral } from 'typeorm';
import { startSubgraphs, type StartedSubgraphs } from '../../../test/subgraphs';
import { Account } from '../../auth/entities/account';
import { Session } from '../../auth/entities/session';
import { Booking } from '../../booking/entities/booking';
import { CourseView } from '../../booking/entities/course-view';
import { Enrollment } from '../../booking/entities/enrollment';
import { AttendanceRecord } from '../../course/entities/attendance-record';
import { ClassSchedule } from '../../course/entities/class-schedule';
import { Course } from '../../course/entities/course';
import { CourseSection } from '../../course/entities/course-section';
import { Lesson } from '../../course/entities/lesson';
import { Room } from '../../course/entities/room';
import { SupportMessage } from '../../support/entities/support-message';
import { SupportSession } from '../../support/entities/support-session';
import { InstructorProfile } from '../../users/entities/instructor-profile';
import { Profile } from '../../users/entities/profile';
import { sqlLoggerOf } from './data-source';
import { selectWhere, selectWhereIn, type EntityClass } from './plain-select';

type Name = 'auth' | 'users' | 'course' | 'booking' | 'support';

/** The same rows, in a stable order, whatever order each query gave them in. */
const byKey = <E extends ObjectLiteral>(rows: E[], key: (row: E) => string): E[] =>
  [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('plain-select', () => {
  let subgraphs: StartedSubgraphs<Name>;
  const dbOf = (name: Name): DataSource => subgraphs[name].dataSource;

  beforeAll(async () => {
    subgraphs = await startSubgraphs(['auth', 'users', 'course', 'booking', 'support']);
  });
  afterAll(() => subgraphs.stop());

  /** Every row's id plus a random one, looked up both ways: the same instances. */
  const sameAsFindBy = async <E extends ObjectLiteral & { id: string }>(
    name: Name,
    entity: EntityClass<E>,
  ): Promise<E[]> => {
    const db = dbOf(name);
    const ids = [...(await db.getRepository(entity).find()).map((row) => row.id), randomUUID()];
    const expected = await db.getRepository(entity).findBy({ id: In(ids) } as never);
    // Generic over E, the compiler cannot tell that 'id' is a property of it.
    const actual = await selectWhereIn(db, entity, 'id' as Extract<keyof E, string>, ids as never);
    expect(byKey(actual, (row) => row.id)).toStrictEqual(byKey(expected, (row) => row.id));
    for (const row of actual) expect(row).toBeInstanceOf(entity);
    return actual;
  };

  it.each([
    ['auth', Account],
    ['auth', Session],
    ['users', Profile],
    ['course', Course],
    ['course', CourseSection],
    ['course', Lesson],
    ['course', Room],
    ['course', ClassSchedule],
    ['booking', Booking],
    ['booking', Enrollment],
    ['booking', CourseView],
    ['support', SupportSession],
    ['support', SupportMessage],
  ] as const)('%s %p: the same rows as findBy(In(ids))', async (name, entity) => {
    await sameAsFindBy(name, entity as EntityClass<ObjectLiteral & { id: string }>);
  });

  it('keeps TypeORM value types: Dates, numbers, and no select:false columns', async () => {
    const accounts = await sameAsFindBy('auth', Account);
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) {
      expect(account.createdAt).toBeInstanceOf(Date);
      expect(typeof account.accessVersion).toBe('number');
      expect(typeof account.emailVerified).toBe('boolean');
      // Not selected (select: false); like TypeORM's, the constructor leaves it undefined.
      expect(account.passwordHash).toBeUndefined();
    }
    const courses = await sameAsFindBy('course', Course);
    expect(courses.length).toBeGreaterThan(0);
    expect(courses.some((course) => course.priceCents !== null)).toBe(true);
  });

  it('reads array columns as TypeORM does (InstructorProfile.specialties)', async () => {
    const db = dbOf('users');
    const ids = (await db.getRepository(InstructorProfile).find()).map((row) => row.userId);
    expect(ids.length).toBeGreaterThan(0);
    const expected = await db.getRepository(InstructorProfile).findBy({ userId: In(ids) });
    const actual = await selectWhereIn(db, InstructorProfile, 'userId', ids);
    expect(byKey(actual, (row) => row.userId)).toStrictEqual(byKey(expected, (row) => row.userId));
    expect(actual.every((row) => Array.isArray(row.specialties))).toBe(true);
  });

  it('orders as find({ order }) does, NULLS LAST included', async () => {
    const db = dbOf('course');
    const scheduleIds = [
      ...new Set((await db.getRepository(AttendanceRecord).find()).map((r) => r.scheduleId)),
    ];
    expect(scheduleIds.length).toBeGreaterThan(0);
    const expected = await db.getRepository(AttendanceRecord).find({
      where: { scheduleId: In(scheduleIds) },
      order: { checkedInAt: { direction: 'ASC', nulls: 'LAST' }, studentId: 'ASC' },
    });
    const actual = await selectWhereIn(db, AttendanceRecord, 'scheduleId', scheduleIds, {
      orderBy: [
        ['checkedInAt', 'ASC', 'LAST'],
        ['studentId', 'ASC'],
      ],
    });
    expect(actual).toStrictEqual(expected);

    const courseIds = (await db.getRepository(Course).find()).map((c) => c.id);
    expect(
      await selectWhereIn(db, CourseSection, 'courseId', courseIds, {
        orderBy: [
          ['position', 'ASC'],
          ['id', 'ASC'],
        ],
      }),
    ).toStrictEqual(
      await db.getRepository(CourseSection).find({
        where: { courseId: In(courseIds) },
        order: { position: 'ASC', id: 'ASC' },
      }),
    );
  });

  it('ANDs IS NULL and > conditions as find does', async () => {
    const db = dbOf('auth');
    const accountIds = (await db.getRepository(Account).find()).map((a) => a.id);
    const now = new Date();
    const expected = await db.getRepository(Session).find({
      where: { accountId: In(accountIds), revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'DESC' },
    });
    const actual = await selectWhere(
      db,
      Session,
      [
        { property: 'accountId', in: accountIds },
        { property: 'revokedAt', isNull: true },
        { property: 'expiresAt', greaterThan: now },
      ],
      { orderBy: [['createdAt', 'DESC']] },
    );
    expect(actual).toStrictEqual(expected);
  });

  it('is one statement through the SQL logger, and none for an empty list', async () => {
    const db = dbOf('course');
    const sql = sqlLoggerOf(db);
    sql.reset();
    await selectWhereIn(db, Room, 'id', [randomUUID(), randomUUID()]);
    expect(sql.statements).toBe(1);
    sql.reset();
    expect(await selectWhereIn(db, Room, 'id', [])).toEqual([]);
    expect(sql.statements).toBe(0);
  });

  it('casts text columns as text[]', async () => {
    const db = dbOf('course');
    const slugs = (await db.getRepository(Course).find()).map((c) => c.slug);
    const expected = await db.getRepository(Course).findBy({ slug: In(slugs) });
    const actual = await selectWhereIn(db, Course, 'slug', slugs);
    expect(byKey(actual, (c) => c.id)).toStrictEqual(byKey(expected, (c) => c.id));
  });
});
