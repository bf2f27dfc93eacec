import { verify } from '@node-rs/argon2';
import { Client } from 'pg';
import { v5 as uuidv5, validate, version } from 'uuid';
import { withDatabase } from '../../subgraphs/shared/db/bootstrap';
import { rootLogger } from '../../subgraphs/shared/logger';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/shared/topology';
import {
  benchConfig,
  benchCounts,
  benchCredentials,
  connectAs,
  loadBenchDataset,
  type LoadBenchResult,
} from './dataset';
import { BENCH_PASSWORD, benchId, deterministicUuidV7 } from './dataset-plan';

const SCALE = 0.01;
const DATABASE = 'campus_bench_test';
const REFERENCE = new Date('2026-06-01T00:00:00Z');
const log = rootLogger.child({ test: 'bench-dataset' });

const adminUrl = (): string => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('jest global setup exports DATABASE_URL');
  return url;
};

const TABLES_OF: Record<SubgraphName, string[]> = {
  auth: ['auth.accounts'],
  users: ['users.profiles', 'users.instructor_profiles'],
  course: [
    'course.rooms',
    'course.courses',
    'course.course_sections',
    'course.lessons',
    'course.class_schedules',
  ],
  booking: ['booking.courses', 'booking.bookings', 'booking.enrollments'],
  support: ['support.staff_accounts', 'support.support_sessions', 'support.support_messages'],
};

/** md5 of every row of the tables that matter most, in id order. */
const CHECKSUM_SQL = `SELECT
  (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM auth.accounts t) AS accounts,
  (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM course.courses t) AS courses,
  (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM booking.courses t) AS course_view,
  (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM booking.bookings t) AS bookings,
  (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM booking.enrollments t) AS enrollments,
  (SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM support.support_messages t) AS messages`;

describe('bench ids', () => {
  it('are standard UUID v5 and v7', () => {
    expect(benchId('booking', 7)).toBe(uuidv5('booking:7', '0e7d1c52-8b3a-4f6e-9d21-6a4b5c3e2f10'));
    const early = deterministicUuidV7(Date.UTC(2026, 0, 1), 'a');
    const later = deterministicUuidV7(Date.UTC(2026, 0, 1) + 1000, 'b');
    expect([validate(early), version(early)]).toEqual([true, 7]);
    expect(early < later).toBe(true);
    expect(deterministicUuidV7(Date.UTC(2026, 0, 1), 'a')).toBe(early);
  });
});

describe('bench data set', () => {
  let admin: Client;
  let first: LoadBenchResult;

  const one = async <T>(sql: string): Promise<T> => {
    const { rows } = await admin.query(sql);
    return rows[0] as T;
  };

  beforeAll(async () => {
    first = await loadBenchDataset(adminUrl(), {
      scale: SCALE,
      database: DATABASE,
      log,
      reference: REFERENCE,
    });
    admin = new Client({ connectionString: withDatabase(adminUrl(), DATABASE) });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
  });

  it('has the counts of its scale in every table', async () => {
    const counts = benchCounts(SCALE);
    expect(counts).toMatchObject({ users: 20, courses: 2, bookings: 200, supportMessages: 500 });
    const row = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM auth.accounts) AS accounts,
      (SELECT count(*)::int FROM auth.accounts WHERE role = 'ADMIN') AS admins,
      (SELECT count(*)::int FROM auth.accounts WHERE role = 'INSTRUCTOR') AS instructors,
      (SELECT count(*)::int FROM users.profiles) AS profiles,
      (SELECT count(*)::int FROM users.instructor_profiles) AS instructor_profiles,
      (SELECT count(*)::int FROM course.courses) AS courses,
      (SELECT count(*)::int FROM booking.courses) AS course_view,
      (SELECT count(*)::int FROM course.class_schedules) AS schedules,
      (SELECT count(*)::int FROM booking.bookings) AS bookings,
      (SELECT count(*)::int FROM support.support_sessions) AS sessions,
      (SELECT count(*)::int FROM support.support_messages) AS messages,
      (SELECT count(*)::int FROM support.staff_accounts) AS staff,
      (SELECT count(*)::int FROM auth.outbox) + (SELECT count(*)::int FROM course.outbox)
        + (SELECT count(*)::int FROM booking.outbox) AS outbox_rows`);
    expect(row).toEqual({
      accounts: counts.users,
      admins: 1,
      instructors: counts.instructors,
      profiles: counts.users,
      instructor_profiles: counts.instructors,
      courses: counts.courses,
      course_view: counts.courses,
      schedules: counts.courses * 2,
      bookings: counts.bookings,
      sessions: counts.supportSessions,
      messages: counts.supportMessages,
      staff: 1,
      outbox_rows: 0,
    });
    const sections = await one<{ min: number; max: number }>(`
      SELECT min(n)::int AS min, max(n)::int AS max
        FROM (SELECT count(*) AS n FROM course.course_sections GROUP BY course_id) s`);
    expect(sections.min).toBeGreaterThanOrEqual(2);
    expect(sections.max).toBeLessThanOrEqual(3);
    expect(first.tables.map((t) => t.table)).toContain('"support"."support_messages"');
  });

  it('is consistent: seats, enrollments, course view, message order', async () => {
    const row = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM booking.courses c
        WHERE c.seats_taken <> (SELECT count(*) FROM booking.bookings b
                                 WHERE b.course_id = c.id AND b.status IN ('PENDING', 'CONFIRMED'))
           OR c.capacity - c.seats_taken < 0) AS bad_seats,
      (SELECT count(*)::int FROM booking.bookings b
        WHERE b.status = 'CONFIRMED' AND NOT EXISTS (
          SELECT 1 FROM booking.enrollments e
           WHERE e.booking_id = b.id AND e.status IN ('ACTIVE', 'COMPLETED'))) AS unenrolled,
      (SELECT count(*)::int FROM booking.enrollments e JOIN booking.bookings b ON b.id = e.booking_id
        WHERE b.status IN ('PENDING', 'REJECTED')
           OR (b.status = 'CANCELLED' AND e.status = 'ACTIVE')
           OR e.user_id <> b.user_id OR e.course_id <> b.course_id) AS bad_enrollments,
      (SELECT count(*)::int FROM booking.courses v JOIN course.courses c USING (id)
        WHERE (v.status, v.capacity, v.instructor_id, v.version)
          IS DISTINCT FROM (c.status, c.capacity, c.instructor_id, c.version)) AS stale_view,
      (SELECT count(*)::int FROM booking.bookings b JOIN booking.courses c ON c.id = b.course_id
        WHERE c.status <> 'PUBLISHED') AS unpublished_bookings,
      (SELECT count(*)::int FROM (
         SELECT id, lag(id) OVER (PARTITION BY session_id ORDER BY created_at, id) AS prev
           FROM support.support_messages) m WHERE m.prev >= m.id) AS unordered_messages,
      (SELECT count(*)::int FROM support.support_sessions s
        WHERE s.last_message_at IS DISTINCT FROM (
          SELECT max(created_at) FROM support.support_messages m WHERE m.session_id = s.id))
        AS bad_last_message,
      (SELECT count(*)::int FROM users.profiles p FULL JOIN auth.accounts a USING (id)
        WHERE p.id IS NULL OR a.id IS NULL) AS unmatched_profiles,
      (SELECT count(*)::int FROM course.courses) - (SELECT count(*)::int FROM course.courses c
        JOIN auth.accounts a ON a.id = c.instructor_id AND a.role = 'INSTRUCTOR') AS bad_instructors`);
    expect(row).toEqual({
      bad_seats: 0,
      unenrolled: 0,
      bad_enrollments: 0,
      stale_view: 0,
      unpublished_bookings: 0,
      unordered_messages: 0,
      bad_last_message: 0,
      unmatched_profiles: 0,
      bad_instructors: 0,
    });
  });

  it('gives every account the known password, and credentials that exist', async () => {
    const credentials = benchCredentials(SCALE, { students: 5, busySessions: 2 });
    const { rows } = await admin.query<{ email: string; password_hash: string }>(
      `SELECT email, password_hash FROM auth.accounts WHERE email = ANY($1::text[])`,
      [[credentials.admin.email, ...credentials.students.map((s) => s.email)]],
    );
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(1);
    expect(await verify(rows[0]?.password_hash ?? '', BENCH_PASSWORD)).toBe(true);
    expect(credentials.busySessions).toHaveLength(2);
    const busy = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM support.support_messages WHERE session_id = $1`,
      [credentials.busySessions[0]?.id],
    );
    expect(busy.rows[0]?.n).toBe(credentials.busySessions[0]?.messageCount);
    expect(benchCredentials(SCALE, { students: 5, busySessions: 2 })).toEqual(credentials);

    // Every suggested registration would succeed: no live booking yet, a seat left.
    expect(credentials.registrations.length).toBeGreaterThan(0);
    const clash = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n
         FROM unnest($1::uuid[], $2::uuid[]) AS r(user_id, course_id)
         JOIN booking.courses c ON c.id = r.course_id
        WHERE c.status <> 'PUBLISHED'
           OR c.seats_taken + (SELECT count(*) FROM unnest($2::uuid[]) AS o(id) WHERE o.id = c.id)
              > c.capacity
           OR EXISTS (SELECT 1 FROM booking.bookings b
                       WHERE b.user_id = r.user_id AND b.course_id = r.course_id
                         AND b.status IN ('PENDING', 'CONFIRMED'))`,
      [
        credentials.registrations.map((r) => r.student.id),
        credentials.registrations.map((r) => r.courseId),
      ],
    );
    expect(clash.rows[0]?.n).toBe(0);
  });

  it("lets each subgraph's role read its own tables, and only those", async () => {
    const config = await benchConfig(adminUrl(), DATABASE);
    for (const service of SUBGRAPH_NAMES) {
      const client = await connectAs(config, service);
      try {
        for (const table of TABLES_OF[service]) {
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${table}`,
          );
          expect(rows[0]?.n).toBeGreaterThan(0);
        }
        const other = service === 'auth' ? 'booking.bookings' : 'auth.accounts';
        await expect(client.query(`SELECT 1 FROM ${other} LIMIT 1`)).rejects.toMatchObject({
          code: '42501',
        });
      } finally {
        await client.end();
      }
    }
  });

  it('loads the same rows again (deterministic)', async () => {
    const before = await one<Record<string, string>>(CHECKSUM_SQL);
    await admin.end();
    await loadBenchDataset(adminUrl(), {
      scale: SCALE,
      database: DATABASE,
      log,
      reference: REFERENCE,
    });
    admin = new Client({ connectionString: withDatabase(adminUrl(), DATABASE) });
    await admin.connect();
    const after = await one<Record<string, string>>(CHECKSUM_SQL);
    expect(Object.values(before).every((sum) => /^[0-9a-f]{32}$/.test(sum))).toBe(true);
    expect(after).toEqual(before);
  });
});
