import type { Role } from '../auth/viewer';
import { demoId } from './ids';

/**
 * The contract's demo data, described once. Each subgraph's seed writes its own part of
 * it into its own schema; deterministic ids tie the parts together.
 */
export const DEMO_PASSWORD = 'campus-demo';

export interface DemoUser {
  id: string;
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  bio?: string;
  phone?: string;
  instructor?: { headline: string; specialties: string[]; yearsOfExperience: number };
}

const user = (key: string, rest: Omit<DemoUser, 'id' | 'email'>): DemoUser => ({
  id: demoId('user', key),
  email: `${key}@campus.test`,
  ...rest,
});

const STUDENT_NAMES: [string, string][] = [
  ['Ada', 'Lovelace'],
  ['Alan', 'Turing'],
  ['Grace', 'Hopper'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
  ['Donald', 'Knuth'],
  ['Margaret', 'Hamilton'],
  ['Ken', 'Thompson'],
  ['Frances', 'Allen'],
  ['John', 'McCarthy'],
];

export const DEMO_USERS: DemoUser[] = [
  user('admin', { role: 'ADMIN', firstName: 'Avery', lastName: 'Admin', phone: '+1 555 0100' }),
  user('instructor1', {
    role: 'INSTRUCTOR',
    firstName: 'Irene',
    lastName: 'Instructor',
    bio: 'Teaches distributed systems and GraphQL.',
    phone: '+1 555 0101',
    instructor: {
      headline: 'Principal engineer, federated APIs',
      specialties: ['GraphQL', 'Distributed systems'],
      yearsOfExperience: 12,
    },
  }),
  user('instructor2', {
    role: 'INSTRUCTOR',
    firstName: 'Isaac',
    lastName: 'Ingram',
    bio: 'Data engineer and PostgreSQL enthusiast.',
    instructor: {
      headline: 'Database performance consultant',
      specialties: ['PostgreSQL', 'Data modelling', 'TypeScript'],
      yearsOfExperience: 8,
    },
  }),
  ...STUDENT_NAMES.map(([firstName, lastName], i) =>
    user(`student${i + 1}`, {
      role: 'STUDENT',
      firstName,
      lastName,
      phone: `+1 555 02${String(i + 1).padStart(2, '0')}`,
    }),
  ),
];

export const demoUser = (key: string): DemoUser => {
  const found = DEMO_USERS.find((u) => u.email === `${key}@campus.test`);
  if (!found) throw new Error(`No demo user ${key}`);
  return found;
};

export interface DemoRoom {
  id: string;
  name: string;
  building: string;
  capacity: number;
}

export const DEMO_ROOMS: DemoRoom[] = [
  { name: 'Turing Hall 101', building: 'Turing Hall', capacity: 40 },
  { name: 'Turing Hall 204', building: 'Turing Hall', capacity: 24 },
  { name: 'Hopper Lab', building: 'Hopper Building', capacity: 16 },
  { name: 'Lovelace Auditorium', building: 'Lovelace Centre', capacity: 120 },
].map((room) => ({ id: demoId('room', room.name), ...room }));

export type Level = 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED';
export type CourseStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
export type LessonKind = 'VIDEO' | 'TEXT' | 'QUIZ' | 'ASSIGNMENT';

export interface DemoCourse {
  id: string;
  slug: string;
  title: string;
  description: string;
  level: Level;
  status: CourseStatus;
  capacity: number;
  priceCents: number | null;
  instructorId: string;
  sections: {
    id: string;
    title: string;
    lessons: {
      id: string;
      title: string;
      kind: LessonKind;
      durationMinutes: number;
      isPreview: boolean;
    }[];
  }[];
  /** Upcoming classes: days from seeding, hour of day (UTC), length in hours, room. */
  schedules: { id: string; inDays: number; hour: number; hours: number; roomId: string }[];
}

const room = (i: number): string => (DEMO_ROOMS[i % DEMO_ROOMS.length] as DemoRoom).id;

function course(
  index: number,
  slug: string,
  title: string,
  level: Level,
  instructorKey: string,
  options: { status?: CourseStatus; capacity?: number; priceCents?: number | null } = {},
): DemoCourse {
  const id = demoId('course', slug);
  return {
    id,
    slug,
    title,
    description: `${title}: a hands-on ${level.toLowerCase()} course with weekly classes.`,
    level,
    status: options.status ?? 'PUBLISHED',
    capacity: options.capacity ?? 20,
    priceCents: options.priceCents === undefined ? 4900 + index * 1000 : options.priceCents,
    instructorId: demoUser(instructorKey).id,
    sections: ['Getting started', 'Going further'].map((sectionTitle, s) => ({
      id: demoId('section', `${slug}/${s}`),
      title: sectionTitle,
      lessons: (['VIDEO', 'TEXT', s === 0 ? 'QUIZ' : 'ASSIGNMENT'] as LessonKind[]).map(
        (kind, l) => ({
          id: demoId('lesson', `${slug}/${s}/${l}`),
          title: `${sectionTitle}: part ${l + 1}`,
          kind,
          durationMinutes: 10 + 5 * l,
          isPreview: s === 0 && l === 0,
        }),
      ),
    })),
    // Each course has its own hour and room, so no room is ever double-booked.
    schedules: [0, 1].map((week) => ({
      id: demoId('schedule', `${slug}/${week}`),
      inDays: 3 + week * 7,
      hour: 8 + index,
      hours: 1,
      roomId: room(index),
    })),
  };
}

export const DEMO_COURSES: DemoCourse[] = [
  course(0, 'graphql-federation-101', 'GraphQL Federation 101', 'BEGINNER', 'instructor1'),
  course(1, 'designing-supergraphs', 'Designing Supergraphs', 'INTERMEDIATE', 'instructor1'),
  course(2, 'subscriptions-at-scale', 'Subscriptions at Scale', 'ADVANCED', 'instructor1', {
    capacity: 3,
  }),
  course(3, 'postgres-for-developers', 'PostgreSQL for Developers', 'BEGINNER', 'instructor2', {
    priceCents: null,
  }),
  course(4, 'query-tuning', 'Query Tuning', 'INTERMEDIATE', 'instructor2'),
  course(5, 'typescript-deep-dive', 'TypeScript Deep Dive', 'ADVANCED', 'instructor2'),
  course(6, 'event-driven-architecture', 'Event-Driven Architecture', 'ADVANCED', 'instructor1', {
    status: 'DRAFT',
  }),
];

export const demoCourse = (slug: string): DemoCourse => {
  const found = DEMO_COURSES.find((c) => c.slug === slug);
  if (!found) throw new Error(`No demo course ${slug}`);
  return found;
};

export type BookingStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export interface DemoBooking {
  id: string;
  userId: string;
  courseId: string;
  scheduleId: string | null;
  status: BookingStatus;
  note: string | null;
  decidedById: string | null;
  /** Confirmed bookings carry the enrollment they produced. */
  enrollment?: { id: string; progressPercent: number; completed: boolean };
}

function booking(
  studentKey: string,
  slug: string,
  status: BookingStatus,
  options: { progress?: number; note?: string } = {},
): DemoBooking {
  const c = demoCourse(slug);
  const key = `${studentKey}/${slug}/${status}`;
  const progress = options.progress ?? 0;
  return {
    id: demoId('booking', key),
    userId: demoUser(studentKey).id,
    courseId: c.id,
    scheduleId: c.schedules[0]?.id ?? null,
    status,
    note: options.note ?? null,
    decidedById: status === 'CONFIRMED' || status === 'REJECTED' ? demoUser('admin').id : null,
    enrollment:
      status === 'CONFIRMED'
        ? { id: demoId('enrollment', key), progressPercent: progress, completed: progress === 100 }
        : undefined,
  };
}

export const DEMO_BOOKINGS: DemoBooking[] = [
  booking('student1', 'graphql-federation-101', 'CONFIRMED', { progress: 40 }),
  booking('student1', 'postgres-for-developers', 'PENDING', { note: 'Can I join remotely?' }),
  booking('student1', 'query-tuning', 'CANCELLED'),
  booking('student2', 'graphql-federation-101', 'CONFIRMED', { progress: 100 }),
  booking('student2', 'subscriptions-at-scale', 'PENDING'),
  booking('student3', 'subscriptions-at-scale', 'CONFIRMED', { progress: 10 }),
  booking('student3', 'typescript-deep-dive', 'REJECTED', { note: 'Prerequisites missing' }),
  booking('student4', 'designing-supergraphs', 'CONFIRMED'),
  booking('student5', 'query-tuning', 'PENDING'),
  booking('student6', 'postgres-for-developers', 'CONFIRMED', { progress: 70 }),
];

export type SupportStatus = 'OPEN' | 'ASSIGNED' | 'RESOLVED' | 'CLOSED';

export interface DemoSupportSession {
  id: string;
  subject: string;
  status: SupportStatus;
  customerId: string;
  assigneeId: string | null;
  /** Messages in order. Their ids are time-ordered UUIDs made when seeded (ids sort in
   *  creation order, as the contract wants), so the seed inserts them with the session. */
  messages: { senderId: string; body: string }[];
}

function supportSession(
  customerKey: string,
  subject: string,
  status: SupportStatus,
  messages: [senderKey: string, body: string][],
): DemoSupportSession {
  const id = demoId('support-session', `${customerKey}/${subject}`);
  return {
    id,
    subject,
    status,
    customerId: demoUser(customerKey).id,
    assigneeId: status === 'OPEN' ? null : demoUser('admin').id,
    messages: messages.map(([senderKey, body]) => ({
      senderId: demoUser(senderKey).id,
      body,
    })),
  };
}

export const DEMO_SUPPORT_SESSIONS: DemoSupportSession[] = [
  supportSession('student1', 'Cannot see my class schedule', 'ASSIGNED', [
    ['student1', 'Hi! My class schedule page is empty.'],
    ['admin', 'Thanks for reaching out. Which course is it?'],
    ['student1', 'GraphQL Federation 101.'],
  ]),
  supportSession('student2', 'Invoice request', 'OPEN', [
    ['student2', 'Could I get an invoice for my last course?'],
  ]),
  supportSession('student3', 'Booking was rejected', 'OPEN', [
    ['student3', 'Why was my TypeScript Deep Dive booking rejected?'],
  ]),
  supportSession('student4', 'Password reset mail', 'RESOLVED', [
    ['student4', 'I never got the reset mail.'],
    ['admin', 'Sent again, please check your spam folder.'],
  ]),
];
