import { createHash } from 'node:crypto';
import type { Role } from '../../subgraphs/shared/auth/viewer';

/**
 * The benchmark's data set, computed in memory and nothing else: every row of every table
 * the loader (dataset.ts) writes, from a seeded PRNG and ids derived from indexes, so the
 * same scale and reference day always give the same rows. Counts at scale 1.0: 2,000
 * users (1 admin, 40 instructors, the rest students), 200 courses, 20,000 bookings,
 * 2,000 support sessions with 50,000 messages. Every count is multiplied by the scale.
 */

/** Every bench account's password (hashed once by the loader). */
export const BENCH_PASSWORD = 'campus-bench';
export const BENCH_EMAIL_DOMAIN = 'bench.campus.test';

/** Counts at scale 1.0. */
export const BASE_COUNTS = {
  users: 2_000,
  instructors: 40,
  courses: 200,
  rooms: 20,
  bookings: 20_000,
  supportSessions: 2_000,
  supportMessages: 50_000,
  busySessions: 10,
} as const;

// Fixed namespace, distinct from the demo catalog's: bench rows never collide with demo rows.
const BENCH_NAMESPACE = '0e7d1c52-8b3a-4f6e-9d21-6a4b5c3e2f10';
const NAMESPACE_BYTES = Buffer.from(BENCH_NAMESPACE.replace(/-/g, ''), 'hex');

const formatUuid = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/**
 * A UUID v5 (RFC 9562, the same as `uuid`'s v5, which the demo ids use) of `kind:key` in
 * the bench namespace, with node:crypto's SHA-1: tens of thousands of ids stay cheap.
 */
export function benchId(kind: string, key: string | number): string {
  const bytes = createHash('sha1').update(NAMESPACE_BYTES).update(`${kind}:${key}`).digest();
  bytes[6] = 0x50 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return formatUuid(bytes.toString('hex'));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** mulberry32: small, fast, good enough for test data; one stream per part of the data. */
export class Prng {
  private state: number;

  constructor(seed: string) {
    this.state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  }

  /** [0, 1) */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * A UUIDv7 for `msecs` whose other bits come from a hash of `key`: the same on every
 * load, and ordered by time like the ids support makes (ids of one session increase
 * because its messages are at least a second apart).
 */
export function deterministicUuidV7(msecs: number, key: string): string {
  const bytes = createHash('sha1').update(key).digest();
  bytes.writeUIntBE(msecs, 0, 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  return formatUuid(bytes.toString('hex'));
}

export interface BenchCounts {
  users: number;
  admins: number;
  instructors: number;
  students: number;
  courses: number;
  rooms: number;
  bookings: number;
  supportSessions: number;
  supportMessages: number;
  busySessions: number;
}

/** The counts at `scale` (each at least 1; users at least admin + instructor + student). */
export function benchCounts(scale: number): BenchCounts {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`Bad scale ${scale}`);
  const at = (base: number) => Math.max(1, Math.round(base * scale));
  const instructors = at(BASE_COUNTS.instructors);
  const users = Math.max(at(BASE_COUNTS.users), instructors + 2);
  const supportSessions = at(BASE_COUNTS.supportSessions);
  return {
    users,
    admins: 1,
    instructors,
    students: users - 1 - instructors,
    courses: at(BASE_COUNTS.courses),
    rooms: at(BASE_COUNTS.rooms),
    bookings: at(BASE_COUNTS.bookings),
    supportSessions,
    // Every session opens with a message.
    supportMessages: Math.max(at(BASE_COUNTS.supportMessages), supportSessions),
    busySessions: Math.min(at(BASE_COUNTS.busySessions), supportSessions),
  };
}

// ---------------------------------------------------------------------------------------
// Rows, one interface per table, in the tables' own terms.

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  phone: string | null;
  bio: string | null;
  createdAt: Date;
  instructor: { headline: string; specialties: string[]; yearsOfExperience: number } | null;
}

export type CourseStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

export interface CourseRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  level: 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED';
  status: CourseStatus;
  capacity: number;
  priceCents: number | null;
  currency: string | null;
  instructorId: string;
  version: number;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Live (PENDING or CONFIRMED) bookings: booking's seats_taken. */
  seatsTaken: number;
}

export interface SectionRow {
  id: string;
  courseId: string;
  title: string;
  position: number;
  createdAt: Date;
}

export interface LessonRow {
  id: string;
  sectionId: string;
  title: string;
  kind: 'VIDEO' | 'TEXT' | 'QUIZ' | 'ASSIGNMENT';
  position: number;
  durationMinutes: number;
  isPreview: boolean;
  createdAt: Date;
}

export interface RoomRow {
  id: string;
  name: string;
  building: string;
  capacity: number;
  createdAt: Date;
}

export interface ScheduleRow {
  id: string;
  courseId: string;
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export type BookingStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export interface BookingRow {
  id: string;
  userId: string;
  courseId: string;
  scheduleId: string | null;
  status: BookingStatus;
  note: string | null;
  idempotencyKey: string;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

export interface EnrollmentRow {
  id: string;
  bookingId: string;
  userId: string;
  courseId: string;
  status: 'ACTIVE' | 'COMPLETED' | 'DROPPED';
  progressPercent: number;
  enrolledAt: Date;
  completedAt: Date | null;
}

export interface SupportSessionRow {
  id: string;
  subject: string;
  status: 'OPEN' | 'ASSIGNED' | 'RESOLVED' | 'CLOSED';
  customerId: string;
  assigneeId: string | null;
  createdAt: Date;
  lastMessageAt: Date;
  messageCount: number;
}

export interface SupportMessageRow {
  id: string;
  sessionId: string;
  senderId: string;
  body: string;
  createdAt: Date;
}

export interface BenchDataset {
  counts: BenchCounts;
  /** Every timestamp is relative to this instant (start of a UTC day by default). */
  reference: Date;
  users: UserRow[];
  rooms: RoomRow[];
  courses: CourseRow[];
  sections: SectionRow[];
  lessons: LessonRow[];
  schedules: ScheduleRow[];
  bookings: BookingRow[];
  enrollments: EnrollmentRow[];
  supportSessions: SupportSessionRow[];
  supportMessages: SupportMessageRow[];
}

// ---------------------------------------------------------------------------------------
// Generation.

const FIRST_NAMES = [
  'Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'John',
  'Radia', 'Leslie', 'Tim', 'Linus', 'Guido', 'Bjarne', 'Anders', 'Sophie', 'Katherine',
  'Dennis', 'Niklaus', 'Hedy', 'Shafi', 'Yukihiro', 'Mary', 'Jean', 'Karen', 'Robin',
  'Adele', 'Evelyn', 'Joan', 'Lynn', 'Martin', 'Rich', 'Brian', 'Whitfield', 'Silvio',
  'Ivan', 'Tony', 'Kristen',
]; // prettier-ignore

const LAST_NAMES = [
  'Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson',
  'Allen', 'McCarthy', 'Perlman', 'Lamport', 'Berners-Lee', 'Torvalds', 'van Rossum',
  'Stroustrup', 'Hejlsberg', 'Wilson', 'Johnson', 'Ritchie', 'Wirth', 'Lamarr', 'Goldwasser',
  'Matsumoto', 'Keller', 'Sammet', 'Jones', 'Milner', 'Goldberg', 'Boyd', 'Clarke', 'Conway',
  'Fowler', 'Hickey', 'Kernighan', 'Diffie', 'Micali', 'Sutherland', 'Hoare', 'Nygaard',
]; // prettier-ignore

const TOPICS = [
  'GraphQL', 'PostgreSQL', 'TypeScript', 'Federation', 'Distributed Systems', 'Data Modelling',
  'Event Sourcing', 'Observability', 'Kubernetes', 'Rust', 'Compilers', 'Cryptography',
  'Machine Learning', 'Networking', 'Security', 'Algorithms', 'Testing', 'Web Performance',
  'API Design', 'Caching',
]; // prettier-ignore

const FLAVOURS = [
  'Foundations of', 'Practical', 'Advanced', 'Hands-on', 'Applied', 'Modern', 'Scalable',
  'Production', 'Intro to', 'Deep Dive into',
]; // prettier-ignore

const LEVELS = ['BEGINNER', 'INTERMEDIATE', 'ADVANCED'] as const;
const LESSON_KINDS = ['VIDEO', 'TEXT', 'QUIZ', 'ASSIGNMENT'] as const;

const SUPPORT_SUBJECTS = [
  'Cannot see my class schedule', 'Invoice request', 'Booking was rejected',
  'Password reset mail', 'Change of room', 'Refund question', 'Certificate download',
  'Course materials missing', 'Wrong name on profile', 'Video does not play',
]; // prettier-ignore

const CUSTOMER_LINES = [
  'Hi! I have a question about my course.', 'It still does not work for me.',
  'Thanks, that helped a bit.', 'Could you check again please?', 'Which page should I open?',
  'I tried that, same result.', 'Great, thank you!', 'Is there any update on this?',
]; // prettier-ignore

const ADMIN_LINES = [
  'Thanks for reaching out. Which course is it?', 'Let me look into that for you.',
  'Could you send a screenshot?', 'I have fixed it on our side, please try again.',
  'This should be sorted now.', 'I have forwarded it to the instructor.',
]; // prettier-ignore

const studentEmail = (n: number) => `student${n}@${BENCH_EMAIL_DOMAIN}`;
const instructorEmail = (n: number) => `instructor${n}@${BENCH_EMAIL_DOMAIN}`;
export const BENCH_ADMIN_EMAIL = `admin@${BENCH_EMAIL_DOMAIN}`;

/** The start of `now`'s UTC day: the default reference, stable for a whole day. */
export const startOfUtcDay = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

function users(counts: BenchCounts, reference: number): UserRow[] {
  const rng = new Prng('bench:users');
  const createdAt = () => new Date(reference - rng.int(30, 400) * DAY - rng.int(0, DAY - 1));
  const rows: UserRow[] = [
    {
      id: benchId('user', 'admin'),
      email: BENCH_ADMIN_EMAIL,
      role: 'ADMIN',
      firstName: 'Avery',
      lastName: 'Benchmark',
      phone: '+1 555 0100',
      bio: null,
      createdAt: new Date(reference - 500 * DAY),
      instructor: null,
    },
  ];
  for (let n = 1; n <= counts.instructors; n += 1) {
    const specialties = [rng.pick(TOPICS), rng.pick(TOPICS)].filter(
      (t, i, all) => all.indexOf(t) === i,
    );
    rows.push({
      id: benchId('user', `instructor${n}`),
      email: instructorEmail(n),
      role: 'INSTRUCTOR',
      firstName: rng.pick(FIRST_NAMES),
      lastName: rng.pick(LAST_NAMES),
      phone: `+1 555 1${String(n).padStart(3, '0')}`,
      bio: `Teaches ${specialties.join(' and ')}.`,
      createdAt: createdAt(),
      instructor: {
        headline: `${rng.pick(FLAVOURS)} ${specialties[0] ?? 'software'} instructor`,
        specialties,
        yearsOfExperience: rng.int(1, 30),
      },
    });
  }
  for (let n = 1; n <= counts.students; n += 1) {
    rows.push({
      id: benchId('user', `student${n}`),
      email: studentEmail(n),
      role: 'STUDENT',
      firstName: rng.pick(FIRST_NAMES),
      lastName: rng.pick(LAST_NAMES),
      phone: rng.chance(0.3) ? `+1 555 ${String(2_000_000 + n).slice(-7)}` : null,
      bio: null,
      createdAt: createdAt(),
      instructor: null,
    });
  }
  return rows;
}

function rooms(counts: BenchCounts, reference: number): RoomRow[] {
  const rng = new Prng('bench:rooms');
  return Array.from({ length: counts.rooms }, (_, i) => ({
    id: benchId('room', i),
    name: `Bench Room ${i + 1}`,
    building: `Building ${String.fromCharCode(65 + (i % 26))}`,
    capacity: rng.int(20, 200),
    createdAt: new Date(reference - 600 * DAY),
  }));
}

/** Every 20th course is a DRAFT, every 20th (offset) ARCHIVED: about 90 % PUBLISHED. */
const courseStatus = (i: number): CourseStatus =>
  i % 20 === 7 ? 'DRAFT' : i % 20 === 13 ? 'ARCHIVED' : 'PUBLISHED';

function catalog(
  counts: BenchCounts,
  reference: number,
  instructorIds: string[],
  roomRows: RoomRow[],
): Pick<BenchDataset, 'courses' | 'sections' | 'lessons' | 'schedules'> {
  const rng = new Prng('bench:courses');
  const courses: CourseRow[] = [];
  const sections: SectionRow[] = [];
  const lessons: LessonRow[] = [];
  const schedules: ScheduleRow[] = [];
  const nextSlotOfRoom = new Map<string, number>();
  for (let i = 0; i < counts.courses; i += 1) {
    const id = benchId('course', i);
    const status = courseStatus(i);
    const topic = TOPICS[i % TOPICS.length] ?? 'Software';
    const title = `${rng.pick(FLAVOURS)} ${topic} ${i + 1}`;
    const level = LEVELS[i % LEVELS.length] ?? 'BEGINNER';
    const createdAt = new Date(reference - rng.int(60, 300) * DAY);
    const publishedAt =
      status === 'DRAFT' ? null : new Date(createdAt.getTime() + rng.int(1, 20) * DAY);
    const free = rng.chance(0.1);
    courses.push({
      id,
      slug: `bench-course-${i + 1}`,
      title,
      description: `${title}: a hands-on ${level.toLowerCase()} course on ${topic} with weekly classes.`,
      level,
      status,
      capacity: rng.int(20, 150),
      priceCents: free ? null : rng.int(19, 299) * 100,
      currency: free ? null : 'EUR',
      instructorId: instructorIds[i % instructorIds.length] ?? '',
      // createCourse makes version 1; publishing and archiving each add one.
      version: status === 'DRAFT' ? 1 : status === 'PUBLISHED' ? 2 : 3,
      publishedAt,
      createdAt,
      updatedAt: publishedAt ?? createdAt,
      seatsTaken: 0,
    });
    const sectionCount = rng.int(2, 3);
    for (let s = 0; s < sectionCount; s += 1) {
      const sectionId = benchId('section', `${i}/${s}`);
      sections.push({
        id: sectionId,
        courseId: id,
        title: `Part ${s + 1}: ${topic}`,
        position: s,
        createdAt,
      });
      const lessonCount = rng.int(3, 4);
      for (let l = 0; l < lessonCount; l += 1) {
        lessons.push({
          id: benchId('lesson', `${i}/${s}/${l}`),
          sectionId,
          title: `Part ${s + 1}, lesson ${l + 1}`,
          kind: rng.pick(LESSON_KINDS),
          position: l,
          durationMinutes: rng.int(5, 90),
          isPreview: s === 0 && l === 0,
          createdAt,
        });
      }
    }
    // Two classes a course, in rooms taken in turn; each room's classes follow each other
    // two hours apart from tomorrow on, so no room is ever double-booked.
    for (let w = 0; w < 2; w += 1) {
      const room = roomRows[(i * 2 + w) % roomRows.length];
      if (!room) throw new Error('no room');
      const slot = nextSlotOfRoom.get(room.id) ?? 0;
      nextSlotOfRoom.set(room.id, slot + 1);
      const startsAt = new Date(reference + DAY + 8 * HOUR + slot * 2 * HOUR);
      schedules.push({
        id: benchId('schedule', `${i}/${w}`),
        courseId: id,
        roomId: room.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * MINUTE),
        createdAt: publishedAt ?? createdAt,
      });
    }
  }
  return { courses, sections, lessons, schedules };
}

const REJECTION_REASONS = ['Prerequisites missing', 'Course reserved for a partner group', null];

/**
 * Bookings in the order they were made, over published courses (a few of them much
 * busier than the rest). A booking that would be live where the student already holds a
 * live one, or where the course is full, becomes a REJECTED or CANCELLED one instead, so
 * the partial unique index and the capacity always hold.
 */
function bookings(
  counts: BenchCounts,
  reference: number,
  adminId: string,
  studentIds: string[],
  courses: CourseRow[],
  schedules: ScheduleRow[],
): Pick<BenchDataset, 'bookings' | 'enrollments'> {
  const rng = new Prng('bench:bookings');
  const bookable = courses.filter((c) => c.status === 'PUBLISHED');
  const schedulesOf = new Map<string, string[]>();
  for (const s of schedules)
    schedulesOf.set(s.courseId, [...(schedulesOf.get(s.courseId) ?? []), s.id]);
  const live = new Set<string>();
  const bookingRows: BookingRow[] = [];
  const enrollmentRows: EnrollmentRow[] = [];
  const span = 120 * DAY;
  for (let k = 0; k < counts.bookings; k += 1) {
    // Squaring skews towards the first courses: a handful are popular, most are not.
    const course = bookable[Math.floor(rng.next() ** 2 * bookable.length)];
    const userId = rng.pick(studentIds);
    if (!course) throw new Error('no published course to book');
    const createdAt = new Date(reference - span + Math.floor((k * span) / counts.bookings) - HOUR);
    const roll = rng.next();
    let status: BookingStatus =
      roll < 0.55 ? 'CONFIRMED' : roll < 0.7 ? 'PENDING' : roll < 0.85 ? 'CANCELLED' : 'REJECTED';
    const pair = `${userId}/${course.id}`;
    const canHold = !live.has(pair) && course.seatsTaken < course.capacity;
    if ((status === 'CONFIRMED' || status === 'PENDING') && !canHold) {
      status = rng.chance(0.5) ? 'CANCELLED' : 'REJECTED';
    }
    // Half of the cancellations had been confirmed first (their enrollment is DROPPED).
    const wasConfirmed = status === 'CONFIRMED' || (status === 'CANCELLED' && rng.chance(0.5));
    const decided = wasConfirmed || status === 'REJECTED';
    const decidedAt = decided ? new Date(createdAt.getTime() + rng.int(1, 48 * 60) * MINUTE) : null;
    if (status === 'CONFIRMED' || status === 'PENDING') {
      live.add(pair);
      course.seatsTaken += 1;
    }
    const id = benchId('booking', k);
    const courseSchedules = schedulesOf.get(course.id) ?? [];
    bookingRows.push({
      id,
      userId,
      courseId: course.id,
      scheduleId: rng.chance(0.8) && courseSchedules.length > 0 ? rng.pick(courseSchedules) : null,
      status,
      note: rng.chance(0.1) ? 'Can I join remotely?' : null,
      idempotencyKey: `bench:${k}`,
      createdAt,
      decidedAt,
      decidedBy: decided ? adminId : null,
      decisionReason: status === 'REJECTED' ? rng.pick(REJECTION_REASONS) : null,
    });
    if (wasConfirmed && decidedAt) {
      const completed = status === 'CONFIRMED' && rng.chance(0.2);
      enrollmentRows.push({
        id: benchId('enrollment', k),
        bookingId: id,
        userId,
        courseId: course.id,
        status: completed ? 'COMPLETED' : status === 'CONFIRMED' ? 'ACTIVE' : 'DROPPED',
        progressPercent: completed ? 100 : rng.int(0, 99),
        enrolledAt: decidedAt,
        completedAt: completed ? new Date(decidedAt.getTime() + rng.int(1, 30) * DAY) : null,
      });
    }
  }
  return { bookings: bookingRows, enrollments: enrollmentRows };
}

/**
 * Support sessions, each opened by its customer with a first message; the busy ones (the
 * first `busySessions`) share a fifth of the messages, the rest fall at random. A session
 * with an assignee alternates customer and admin at random; an OPEN one has only its
 * customer's messages. Messages are 1 to 10 minutes apart and end before the reference.
 */
function support(
  counts: BenchCounts,
  reference: number,
  adminId: string,
  customerIds: string[],
): Pick<BenchDataset, 'supportSessions' | 'supportMessages'> {
  const rng = new Prng('bench:support');
  const sizes = new Array<number>(counts.supportSessions).fill(1);
  let remaining = counts.supportMessages - counts.supportSessions;
  const busyShare = Math.floor((remaining * 0.2) / counts.busySessions);
  for (let b = 0; b < counts.busySessions; b += 1) sizes[b] = (sizes[b] ?? 0) + busyShare;
  remaining -= busyShare * counts.busySessions;
  for (; remaining > 0; remaining -= 1) {
    const j = rng.int(0, counts.supportSessions - 1);
    sizes[j] = (sizes[j] ?? 0) + 1;
  }

  const sessions: SupportSessionRow[] = [];
  const messages: SupportMessageRow[] = [];
  for (let j = 0; j < counts.supportSessions; j += 1) {
    const size = sizes[j] ?? 1;
    const id = benchId('support-session', j);
    const customerId = customerIds[j % customerIds.length] ?? '';
    const roll = rng.next();
    // Busy sessions stay ASSIGNED: open chats a load generator can keep writing to.
    const status =
      j < counts.busySessions || roll < 0.5
        ? 'ASSIGNED'
        : roll < 0.65
          ? 'OPEN'
          : roll < 0.9
            ? 'RESOLVED'
            : 'CLOSED';
    const assigneeId = status === 'OPEN' ? null : adminId;
    const gaps = Array.from({ length: size }, (_, m) => (m === 0 ? 0 : rng.int(60, 600) * 1000));
    const duration = gaps.reduce((a, b) => a + b, 0);
    let at = reference - duration - rng.int(1, 60 * 24 * 60) * MINUTE;
    const createdAt = new Date(at);
    for (let m = 0; m < size; m += 1) {
      at += gaps[m] ?? 0;
      const fromAdmin = assigneeId !== null && m > 0 && rng.chance(0.45);
      const line = fromAdmin ? rng.pick(ADMIN_LINES) : rng.pick(CUSTOMER_LINES);
      messages.push({
        id: deterministicUuidV7(at, `bench:support-message:${j}/${m}`),
        sessionId: id,
        senderId: fromAdmin ? adminId : customerId,
        body: m === 0 ? `${SUPPORT_SUBJECTS[j % SUPPORT_SUBJECTS.length]}: ${line}` : line,
        createdAt: new Date(at),
      });
    }
    sessions.push({
      id,
      subject: `${SUPPORT_SUBJECTS[j % SUPPORT_SUBJECTS.length] ?? 'Question'} #${j + 1}`,
      status,
      customerId,
      assigneeId,
      createdAt,
      lastMessageAt: new Date(at),
      messageCount: size,
    });
  }
  return { supportSessions: sessions, supportMessages: messages };
}

/** The whole data set at `scale`, timestamps relative to `reference`. Pure, deterministic. */
export function planBenchDataset(scale: number, reference: Date): BenchDataset {
  const counts = benchCounts(scale);
  const ref = reference.getTime();
  const userRows = users(counts, ref);
  const adminId = userRows[0]?.id ?? '';
  const instructorIds = userRows.filter((u) => u.role === 'INSTRUCTOR').map((u) => u.id);
  const studentIds = userRows.filter((u) => u.role === 'STUDENT').map((u) => u.id);
  const roomRows = rooms(counts, ref);
  const courseRows = catalog(counts, ref, instructorIds, roomRows);
  return {
    counts,
    reference,
    users: userRows,
    rooms: roomRows,
    ...courseRows,
    ...bookings(counts, ref, adminId, studentIds, courseRows.courses, courseRows.schedules),
    ...support(counts, ref, adminId, studentIds),
  };
}
