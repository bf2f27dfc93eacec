import { hash, type Algorithm } from '@node-rs/argon2';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createAuthDataSource } from '../../subgraphs/auth/data-source';
import { createBookingDataSource } from '../../subgraphs/booking/data-source';
import { createCourseDataSource } from '../../subgraphs/course/data-source';
import { loadConfig, type CampusConfig } from '../../subgraphs/shared/config';
import { bootstrapDatabase, withDatabase } from '../../subgraphs/shared/db/bootstrap';
import type { Logger } from '../../subgraphs/shared/logger';
import { SUBGRAPH_NAMES, TOPOLOGY, type SubgraphName } from '../../subgraphs/shared/topology';
import { createSupportDataSource } from '../../subgraphs/support/data-source';
import { createUsersDataSource } from '../../subgraphs/users/data-source';
import {
  BENCH_ADMIN_EMAIL,
  BENCH_PASSWORD,
  planBenchDataset,
  startOfUtcDay,
  type BenchCounts,
  type BenchDataset,
} from './dataset-plan';

export { BENCH_ADMIN_EMAIL, BENCH_PASSWORD, benchCounts, planBenchDataset } from './dataset-plan';

/**
 * The benchmark's larger data set, in a database of its own (default `campus_bench`) on the
 * server an admin URL names: dropped and recreated, bootstrapped like the real one (schemas,
 * roles), migrated by each subgraph as its own role, then filled with the deterministic rows
 * of dataset-plan.ts, each table in one transaction as its subgraph's role, by multi-row
 * INSERT … SELECT FROM unnest(arrays) (pg-copy-streams is not a dependency).
 *
 * Events: no outbox rows, no cursors, no processed_events. Every replica a consumer would
 * have built from events (users' profiles, booking's course view, support's staff view) is
 * written directly, consistent with its source: profile = account, course view = course
 * (same status, capacity, instructor and version; seats_taken = live bookings), staff view =
 * the admin (version = its access_version, 0). With empty outboxes and no cursors, every
 * consumer group starts at the beginning of an empty outbox and only ever sees the events
 * the benchmark itself causes (a version greater than the loaded one, so they apply).
 */

export const DEFAULT_BENCH_DATABASE = 'campus_bench';

export interface LoadBenchOptions {
  /** Multiplies every count; 1.0 is 2,000 users, 200 courses, 20,000 bookings, 50,000 messages. */
  scale: number;
  /** Default campus_bench. Dropped first if it exists. */
  database?: string;
  log: Logger;
  /** Timestamps are relative to it; default the start of today (UTC). */
  reference?: Date;
  /** Where the role passwords come from (loadConfig); default process.env. */
  env?: Record<string, string | undefined>;
}

export interface TableTiming {
  table: string;
  rows: number;
  ms: number;
}

export interface LoadBenchResult {
  database: string;
  /** A URL of the bench database with the admin credentials of `adminUrl`. */
  adminUrl: string;
  counts: BenchCounts;
  reference: Date;
  tables: TableTiming[];
  totalMs: number;
}

// The argon2id parameters of subgraphs/auth/services/passwords.ts, with a fixed salt: one
// hash for every account, the same on every load (logIn verifies it like any other).
const BENCH_SALT = new TextEncoder().encode('campus-bench-salt');
export const hashBenchPassword = (): Promise<string> =>
  hash(BENCH_PASSWORD, {
    algorithm: 2 as Algorithm, // Argon2id (an ambient const enum isolated modules cannot read)
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
    salt: BENCH_SALT,
  });

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The configuration the services would have with the bench database as theirs. */
export function benchConfig(
  adminUrl: string,
  database: string,
  env: Record<string, string | undefined> = process.env,
): Promise<CampusConfig> {
  const url = new URL(adminUrl);
  return loadConfig({
    ...env,
    DATABASE_URL: withDatabase(adminUrl, database),
    DB_HOST: url.hostname,
    DB_PORT: url.port || '5432',
    DB_NAME: database,
  });
}

const DATA_SOURCES: Record<SubgraphName, (config: CampusConfig, log: Logger) => DataSource> = {
  auth: createAuthDataSource,
  users: createUsersDataSource,
  course: createCourseDataSource,
  booking: createBookingDataSource,
  support: createSupportDataSource,
};

async function recreateDatabase(adminUrl: string, database: string): Promise<void> {
  const reserved = ['postgres', 'template0', 'template1', new URL(adminUrl).pathname.slice(1)];
  if (reserved.includes(database)) {
    throw new Error(`Refusing to recreate database "${database}": not a bench database`);
  }
  const client = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${ident(database)}`);
  } finally {
    await client.end();
  }
}

async function migrate(config: CampusConfig, log: Logger): Promise<void> {
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const db = DATA_SOURCES[name](config, log.child({ subgraph: name }));
      await db.initialize();
      try {
        await db.runMigrations({ transaction: 'each' });
      } finally {
        await db.destroy();
      }
    }),
  );
}

/** A plain connection as the subgraph's own role, to the bench database. */
export async function connectAs(config: CampusConfig, service: SubgraphName): Promise<Client> {
  const { role, schema } = TOPOLOGY[service];
  const client = new Client({
    host: config.db.host,
    port: config.db.port,
    database: config.db.database,
    user: role,
    password: config.dbPasswords[service],
    options: `-c search_path=${schema}`,
    application_name: `campus-bench-load-${service}`,
  });
  await client.connect();
  return client;
}

// ---------------------------------------------------------------------------------------
// Loading: one table at a time, one transaction each, a few thousand rows per statement.

type Cell = string | number | boolean | null;

interface Column<R> {
  name: string;
  /** The PostgreSQL type of the array the column's values travel in. */
  type: string;
  value: (row: R) => Cell;
  /** What is inserted, from the unnested value `v` (default: `v` itself). */
  select?: (v: string) => string;
}

interface TableLoad {
  table: string;
  rows: number;
  run: (client: Client) => Promise<void>;
}

const BATCH = 5_000;
const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

function tableLoad<R>(table: string, rows: readonly R[], columns: Column<R>[]): TableLoad {
  const names = columns.map((c) => ident(c.name)).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const selected = columns.map((c, i) => (c.select ? c.select(`u.c${i}`) : `u.c${i}`)).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names})
    SELECT ${selected} FROM unnest(${arrays}) AS u(${aliases.join(', ')})`;
  return {
    table,
    rows: rows.length,
    async run(client) {
      for (let start = 0; start < rows.length; start += BATCH) {
        const chunk = rows.slice(start, start + BATCH);
        await client.query(
          sql,
          columns.map((c) => chunk.map(c.value)),
        );
      }
    },
  };
}

function loadsBySubgraph(
  data: BenchDataset,
  passwordHash: string,
): Record<SubgraphName, TableLoad[]> {
  const adminId = data.users.find((u) => u.role === 'ADMIN')?.id ?? '';
  const instructors = data.users.filter((u) => u.instructor !== null);
  return {
    auth: [
      tableLoad('"auth"."accounts"', data.users, [
        { name: 'id', type: 'uuid', value: (u) => u.id },
        { name: 'email', type: 'text', value: (u) => u.email },
        { name: 'password_hash', type: 'text', value: () => passwordHash },
        { name: 'role', type: 'text', value: (u) => u.role },
        { name: 'status', type: 'text', value: () => 'ACTIVE' },
        { name: 'email_verified', type: 'boolean', value: () => true },
        // signUp gives version 0; no role or status has changed since.
        { name: 'access_version', type: 'int', value: () => 0 },
        { name: 'created_at', type: 'timestamptz', value: (u) => iso(u.createdAt) },
        { name: 'updated_at', type: 'timestamptz', value: (u) => iso(u.createdAt) },
      ]),
    ],
    users: [
      tableLoad('"users"."profiles"', data.users, [
        { name: 'id', type: 'uuid', value: (u) => u.id },
        { name: 'first_name', type: 'text', value: (u) => u.firstName },
        { name: 'last_name', type: 'text', value: (u) => u.lastName },
        { name: 'bio', type: 'text', value: (u) => u.bio },
        { name: 'phone', type: 'text', value: (u) => u.phone },
        { name: 'created_at', type: 'timestamptz', value: (u) => iso(u.createdAt) },
        { name: 'updated_at', type: 'timestamptz', value: (u) => iso(u.createdAt) },
      ]),
      tableLoad('"users"."instructor_profiles"', instructors, [
        { name: 'user_id', type: 'uuid', value: (u) => u.id },
        { name: 'headline', type: 'text', value: (u) => u.instructor?.headline ?? null },
        {
          // text[] per row: sent as one '\x1f'-joined string, split back on the server.
          name: 'specialties',
          type: 'text',
          value: (u) => (u.instructor?.specialties ?? []).join('\x1f'),
          select: (v) => `string_to_array(${v}, E'\\x1f')`,
        },
        {
          name: 'years_of_experience',
          type: 'int',
          value: (u) => u.instructor?.yearsOfExperience ?? null,
        },
        { name: 'created_at', type: 'timestamptz', value: (u) => iso(u.createdAt) },
        { name: 'updated_at', type: 'timestamptz', value: (u) => iso(u.createdAt) },
      ]),
    ],
    course: [
      tableLoad('"course"."rooms"', data.rooms, [
        { name: 'id', type: 'uuid', value: (r) => r.id },
        { name: 'name', type: 'text', value: (r) => r.name },
        { name: 'building', type: 'text', value: (r) => r.building },
        { name: 'capacity', type: 'int', value: (r) => r.capacity },
        { name: 'created_at', type: 'timestamptz', value: (r) => iso(r.createdAt) },
      ]),
      tableLoad('"course"."courses"', data.courses, [
        { name: 'id', type: 'uuid', value: (c) => c.id },
        { name: 'slug', type: 'text', value: (c) => c.slug },
        { name: 'title', type: 'text', value: (c) => c.title },
        { name: 'description', type: 'text', value: (c) => c.description },
        { name: 'level', type: 'text', value: (c) => c.level },
        { name: 'status', type: 'text', value: (c) => c.status },
        { name: 'capacity', type: 'int', value: (c) => c.capacity },
        { name: 'price_cents', type: 'int', value: (c) => c.priceCents },
        { name: 'currency', type: 'text', value: (c) => c.currency },
        { name: 'instructor_id', type: 'uuid', value: (c) => c.instructorId },
        { name: 'version', type: 'int', value: (c) => c.version },
        { name: 'published_at', type: 'timestamptz', value: (c) => iso(c.publishedAt) },
        { name: 'created_at', type: 'timestamptz', value: (c) => iso(c.createdAt) },
        { name: 'updated_at', type: 'timestamptz', value: (c) => iso(c.updatedAt) },
      ]),
      tableLoad('"course"."course_sections"', data.sections, [
        { name: 'id', type: 'uuid', value: (s) => s.id },
        { name: 'course_id', type: 'uuid', value: (s) => s.courseId },
        { name: 'title', type: 'text', value: (s) => s.title },
        { name: 'position', type: 'int', value: (s) => s.position },
        { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.createdAt) },
      ]),
      tableLoad('"course"."lessons"', data.lessons, [
        { name: 'id', type: 'uuid', value: (l) => l.id },
        { name: 'section_id', type: 'uuid', value: (l) => l.sectionId },
        { name: 'title', type: 'text', value: (l) => l.title },
        { name: 'kind', type: 'text', value: (l) => l.kind },
        { name: 'position', type: 'int', value: (l) => l.position },
        { name: 'duration_minutes', type: 'int', value: (l) => l.durationMinutes },
        { name: 'is_preview', type: 'boolean', value: (l) => l.isPreview },
        { name: 'created_at', type: 'timestamptz', value: (l) => iso(l.createdAt) },
      ]),
      tableLoad('"course"."class_schedules"', data.schedules, [
        { name: 'id', type: 'uuid', value: (s) => s.id },
        { name: 'course_id', type: 'uuid', value: (s) => s.courseId },
        { name: 'room_id', type: 'uuid', value: (s) => s.roomId },
        { name: 'starts_at', type: 'timestamptz', value: (s) => iso(s.startsAt) },
        { name: 'ends_at', type: 'timestamptz', value: (s) => iso(s.endsAt) },
        { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.createdAt) },
      ]),
    ],
    booking: [
      tableLoad('"booking"."courses"', data.courses, [
        { name: 'id', type: 'uuid', value: (c) => c.id },
        { name: 'status', type: 'text', value: (c) => c.status },
        { name: 'capacity', type: 'int', value: (c) => c.capacity },
        { name: 'instructor_id', type: 'uuid', value: (c) => c.instructorId },
        { name: 'seats_taken', type: 'int', value: (c) => c.seatsTaken },
        { name: 'version', type: 'int', value: (c) => c.version },
        { name: 'updated_at', type: 'timestamptz', value: (c) => iso(c.updatedAt) },
      ]),
      tableLoad('"booking"."bookings"', data.bookings, [
        { name: 'id', type: 'uuid', value: (b) => b.id },
        { name: 'user_id', type: 'uuid', value: (b) => b.userId },
        { name: 'course_id', type: 'uuid', value: (b) => b.courseId },
        { name: 'schedule_id', type: 'uuid', value: (b) => b.scheduleId },
        { name: 'status', type: 'text', value: (b) => b.status },
        { name: 'note', type: 'text', value: (b) => b.note },
        { name: 'idempotency_key', type: 'text', value: (b) => b.idempotencyKey },
        { name: 'created_at', type: 'timestamptz', value: (b) => iso(b.createdAt) },
        { name: 'decided_at', type: 'timestamptz', value: (b) => iso(b.decidedAt) },
        { name: 'decided_by', type: 'uuid', value: (b) => b.decidedBy },
        { name: 'decision_reason', type: 'text', value: (b) => b.decisionReason },
      ]),
      tableLoad('"booking"."enrollments"', data.enrollments, [
        { name: 'id', type: 'uuid', value: (e) => e.id },
        { name: 'booking_id', type: 'uuid', value: (e) => e.bookingId },
        { name: 'user_id', type: 'uuid', value: (e) => e.userId },
        { name: 'course_id', type: 'uuid', value: (e) => e.courseId },
        { name: 'status', type: 'text', value: (e) => e.status },
        { name: 'progress_percent', type: 'int', value: (e) => e.progressPercent },
        { name: 'enrolled_at', type: 'timestamptz', value: (e) => iso(e.enrolledAt) },
        { name: 'completed_at', type: 'timestamptz', value: (e) => iso(e.completedAt) },
      ]),
    ],
    support: [
      tableLoad(
        '"support"."staff_accounts"',
        [adminId],
        [
          { name: 'user_id', type: 'uuid', value: (id) => id },
          { name: 'role', type: 'text', value: () => 'ADMIN' },
          { name: 'status', type: 'text', value: () => 'ACTIVE' },
          { name: 'version', type: 'int', value: () => 0 },
          { name: 'updated_at', type: 'timestamptz', value: () => iso(data.reference) },
        ],
      ),
      tableLoad('"support"."support_sessions"', data.supportSessions, [
        { name: 'id', type: 'uuid', value: (s) => s.id },
        { name: 'subject', type: 'text', value: (s) => s.subject },
        { name: 'status', type: 'text', value: (s) => s.status },
        { name: 'customer_id', type: 'uuid', value: (s) => s.customerId },
        { name: 'assignee_id', type: 'uuid', value: (s) => s.assigneeId },
        { name: 'created_at', type: 'timestamptz', value: (s) => iso(s.createdAt) },
        { name: 'last_message_at', type: 'timestamptz', value: (s) => iso(s.lastMessageAt) },
      ]),
      tableLoad('"support"."support_messages"', data.supportMessages, [
        { name: 'id', type: 'uuid', value: (m) => m.id },
        { name: 'session_id', type: 'uuid', value: (m) => m.sessionId },
        { name: 'sender_id', type: 'uuid', value: (m) => m.senderId },
        { name: 'body', type: 'text', value: (m) => m.body },
        { name: 'created_at', type: 'timestamptz', value: (m) => iso(m.createdAt) },
      ]),
    ],
  };
}

async function loadSubgraph(
  config: CampusConfig,
  service: SubgraphName,
  loads: TableLoad[],
  log: Logger,
): Promise<TableTiming[]> {
  const client = await connectAs(config, service);
  const timings: TableTiming[] = [];
  try {
    for (const load of loads) {
      const started = performance.now();
      await client.query('BEGIN');
      try {
        await load.run(client);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      // Fresh statistics, so the benchmark's first queries are planned as later ones.
      await client.query(`ANALYZE ${load.table}`);
      const ms = Math.round(performance.now() - started);
      timings.push({ table: load.table, rows: load.rows, ms });
      log.info({ table: load.table, rows: load.rows, ms }, 'bench table loaded');
    }
  } finally {
    await client.end();
  }
  return timings;
}

/** Drops, recreates, bootstraps, migrates and fills the bench database. */
export async function loadBenchDataset(
  adminUrl: string,
  options: LoadBenchOptions,
): Promise<LoadBenchResult> {
  const started = performance.now();
  const database = options.database ?? DEFAULT_BENCH_DATABASE;
  const reference = options.reference ?? startOfUtcDay(new Date());
  const { log } = options;
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    log.info({ step: label, ms: Math.round(performance.now() - t) }, 'bench dataset step');
    return result;
  };

  const config = await benchConfig(adminUrl, database, options.env);
  // The hash (about 50 ms of a libuv thread) and the plan overlap with the DDL.
  const passwordHash = hashBenchPassword();
  const data = planBenchDataset(options.scale, reference);
  await step('recreate database', () => recreateDatabase(adminUrl, database));
  await step('bootstrap', () => bootstrapDatabase(adminUrl, config.db, config.dbPasswords));
  await step('migrations', () => migrate(config, log));
  const loads = loadsBySubgraph(data, await passwordHash);
  const perSubgraph = await step('load', () =>
    Promise.all(SUBGRAPH_NAMES.map((name) => loadSubgraph(config, name, loads[name], log))),
  );
  return {
    database,
    adminUrl: withDatabase(adminUrl, database),
    counts: data.counts,
    reference,
    tables: perSubgraph.flat(),
    totalMs: Math.round(performance.now() - started),
  };
}

// ---------------------------------------------------------------------------------------
// What a load generator needs to act as the data set's people.

export interface BenchAccount {
  id: string;
  email: string;
}

export interface BenchCredentials {
  /** Every bench account's password. */
  password: string;
  admin: BenchAccount;
  instructors: BenchAccount[];
  /** The first `students` students (all hold bookings; most have enrollments). */
  students: BenchAccount[];
  /** The sessions with the most messages (ASSIGNED to the admin), most first. */
  busySessions: { id: string; customer: BenchAccount; messageCount: number }[];
  /** Published courses with seats left, most seats first. */
  openCourses: { id: string; seatsLeft: number }[];
  /**
   * Registrations that succeed on the freshly loaded data: a student without a live
   * booking for a published course with a seat left (never more than its seats left).
   */
  registrations: { student: BenchAccount; courseId: string }[];
}

/**
 * Deterministic credentials of the data set at `scale` (no database needed): the same
 * accounts and ids the loader writes. Ids do not depend on the reference day.
 */
export function benchCredentials(
  scale: number,
  options: {
    students?: number;
    busySessions?: number;
    openCourses?: number;
    registrations?: number;
  } = {},
): BenchCredentials {
  const data = planBenchDataset(scale, startOfUtcDay(new Date()));
  const account = (u: { id: string; email: string }): BenchAccount => ({
    id: u.id,
    email: u.email,
  });
  const byId = new Map(data.users.map((u) => [u.id, u]));
  const admin = data.users.find((u) => u.email === BENCH_ADMIN_EMAIL);
  if (!admin) throw new Error('bench data set without its admin');
  const students = data.users.filter((u) => u.role === 'STUDENT');
  const live = new Set(
    data.bookings
      .filter((b) => b.status === 'PENDING' || b.status === 'CONFIRMED')
      .map((b) => `${b.userId}/${b.courseId}`),
  );
  const registrations: BenchCredentials['registrations'] = [];
  const wanted = options.registrations ?? 20;
  for (const course of data.courses) {
    if (course.status !== 'PUBLISHED') continue;
    let seatsLeft = course.capacity - course.seatsTaken;
    for (const student of students) {
      if (registrations.length >= wanted || seatsLeft <= 0) break;
      if (live.has(`${student.id}/${course.id}`)) continue;
      registrations.push({ student: account(student), courseId: course.id });
      seatsLeft -= 1;
    }
  }
  return {
    password: BENCH_PASSWORD,
    admin: account(admin),
    instructors: data.users.filter((u) => u.role === 'INSTRUCTOR').map(account),
    students: students.slice(0, options.students ?? 100).map(account),
    busySessions: [...data.supportSessions]
      .filter((s) => s.status === 'ASSIGNED')
      .sort((a, b) => b.messageCount - a.messageCount || a.id.localeCompare(b.id))
      .slice(0, options.busySessions ?? 5)
      .map((s) => {
        const customer = byId.get(s.customerId);
        if (!customer) throw new Error(`session ${s.id} without its customer`);
        return { id: s.id, customer: account(customer), messageCount: s.messageCount };
      }),
    openCourses: data.courses
      .filter((c) => c.status === 'PUBLISHED' && c.seatsTaken < c.capacity)
      .map((c) => ({ id: c.id, seatsLeft: c.capacity - c.seatsTaken }))
      .sort((a, b) => b.seatsLeft - a.seatsLeft || a.id.localeCompare(b.id))
      .slice(0, options.openCourses ?? 10),
    registrations,
  };
}
