import type { DataSource } from 'typeorm';
import type { Viewer } from '../shared/auth/viewer';
import type { ServiceContext } from '../shared/context';
import { DEMO_COURSES, DEMO_ROOMS, demoUser } from '../shared/demo/catalog';
import { DEMO_ATTENDANCE, DEMO_PAST_SCHEDULE } from './demo-attendance';
import { addCourseSection } from './services/add-course-section';
import { addLesson } from './services/add-lesson';
import { archiveCourse, publishCourse } from './services/course-status';
import { createCourse } from './services/create-course';
import { createRoom } from './services/create-room';
import { DEFAULT_CURRENCY } from './services/money';
import { recordAttendance } from './services/record-attendance';
import { scheduleClass } from './services/schedule-class';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The seed acts as the demo admin, through the same services as the API. */
const admin = demoUser('admin');
const SEED_ADMIN: Viewer = { id: admin.id, role: admin.role, sessionId: 'seed', tokenId: 'seed' };

interface DemoSlot {
  id: string;
  roomId: string;
  inDays: number;
  hour: number;
  hours: number;
}

/** A class at start of today (UTC) plus whole days and hours: the catalog's way of timing. */
function slotTimes(seededAt: Date, slot: DemoSlot) {
  const today = Date.UTC(seededAt.getUTCFullYear(), seededAt.getUTCMonth(), seededAt.getUTCDate());
  const startsAt = new Date(today + slot.inDays * DAY_MS + slot.hour * HOUR_MS);
  return { startsAt, endsAt: new Date(startsAt.getTime() + slot.hours * HOUR_MS) };
}

const ids = {
  rooms: DEMO_ROOMS.map((r) => r.id),
  courses: DEMO_COURSES.map((c) => c.id),
  sections: DEMO_COURSES.flatMap((c) => c.sections.map((s) => s.id)),
  lessons: DEMO_COURSES.flatMap((c) => c.sections.flatMap((s) => s.lessons.map((l) => l.id))),
  schedules: [...DEMO_COURSES.flatMap((c) => c.schedules.map((s) => s.id)), DEMO_PAST_SCHEDULE.id],
  students: DEMO_ATTENDANCE.map((a) => a.studentId),
};

/**
 * Which demo rows exist, in one statement, as `kind:id` keys. `unsettled:<course>` marks a
 * demo course still in its first DRAFT (never published): the catalog status is applied to
 * it, so a seed interrupted between createCourse and publishCourse finishes on the rerun,
 * while a demo course someone has since archived or republished is left alone.
 */
async function existingDemoRows(db: DataSource): Promise<Set<string>> {
  const rows = (await db.query(
    `SELECT 'room:' || "id" AS "key" FROM "course"."rooms" WHERE "id" = ANY($1::uuid[])
     UNION ALL
     SELECT 'course:' || "id" FROM "course"."courses" WHERE "id" = ANY($2::uuid[])
     UNION ALL
     SELECT 'unsettled:' || "id" FROM "course"."courses"
      WHERE "id" = ANY($2::uuid[]) AND "status" = 'DRAFT' AND "published_at" IS NULL
     UNION ALL
     SELECT 'section:' || "id" FROM "course"."course_sections" WHERE "id" = ANY($3::uuid[])
     UNION ALL
     SELECT 'lesson:' || "id" FROM "course"."lessons" WHERE "id" = ANY($4::uuid[])
     UNION ALL
     SELECT 'schedule:' || "id" FROM "course"."class_schedules" WHERE "id" = ANY($5::uuid[])
     UNION ALL
     SELECT 'attendance:' || "student_id" FROM "course"."attendance_records"
      WHERE "schedule_id" = $6 AND "student_id" = ANY($7::uuid[])`,
    [
      ids.rooms,
      ids.courses,
      ids.sections,
      ids.lessons,
      ids.schedules,
      DEMO_PAST_SCHEDULE.id,
      ids.students,
    ],
  )) as { key: string }[];
  return new Set(rows.map((row) => row.key));
}

/**
 * Rooms, courses with their sections, lessons and classes (contract: Demo data), plus a
 * past class with attendance, written through the mutations' services as the demo admin
 * (so every demo course announces itself with course.changed). Times are relative to the
 * day of seeding. Idempotent: only demo rows whose id is missing are created, so a rerun
 * costs one statement and never overwrites demo rows changed since.
 */
export async function seedCourse(ctx: ServiceContext): Promise<void> {
  const existing = await existingDemoRows(ctx.db);
  const missing = (kind: string, id: string) => !existing.has(`${kind}:${id}`);
  const seededAt = new Date();
  let created = 0;

  for (const room of DEMO_ROOMS.filter((r) => missing('room', r.id))) {
    const { id, ...input } = room;
    await createRoom(ctx, SEED_ADMIN, input, { id });
    created += 1;
  }

  for (const course of DEMO_COURSES) {
    if (missing('course', course.id)) {
      await createCourse(
        ctx,
        SEED_ADMIN,
        {
          slug: course.slug,
          title: course.title,
          description: course.description,
          level: course.level,
          capacity: course.capacity,
          price:
            course.priceCents === null
              ? null
              : { amountCents: course.priceCents, currency: DEFAULT_CURRENCY },
          instructorId: course.instructorId,
        },
        { id: course.id },
      );
      created += 1;
    }
    if (missing('course', course.id) || existing.has(`unsettled:${course.id}`)) {
      if (course.status === 'PUBLISHED') await publishCourse(ctx, SEED_ADMIN, course.id);
      if (course.status === 'ARCHIVED') await archiveCourse(ctx, SEED_ADMIN, course.id);
    }
    // Catalog order is outline order: sections and lessons take the next position.
    for (const section of course.sections) {
      if (missing('section', section.id)) {
        await addCourseSection(ctx, SEED_ADMIN, course.id, section.title, { id: section.id });
        created += 1;
      }
      for (const { id, ...lesson } of section.lessons) {
        if (!missing('lesson', id)) continue;
        await addLesson(ctx, SEED_ADMIN, section.id, lesson, { id });
        created += 1;
      }
    }
    const slots = course.id === DEMO_PAST_SCHEDULE.courseId ? [DEMO_PAST_SCHEDULE] : [];
    for (const slot of [...slots, ...course.schedules]) {
      if (!missing('schedule', slot.id)) continue;
      const input = { courseId: course.id, roomId: slot.roomId, ...slotTimes(seededAt, slot) };
      await scheduleClass(ctx, SEED_ADMIN, input, { id: slot.id });
      created += 1;
    }
  }

  // Attendance at the past class; check-ins relative to its start, as it was taken then.
  const past = slotTimes(seededAt, DEMO_PAST_SCHEDULE);
  for (const attendance of DEMO_ATTENDANCE.filter((a) => missing('attendance', a.studentId))) {
    const checkedInAt =
      attendance.checkInMinutes === null
        ? undefined
        : new Date(past.startsAt.getTime() + attendance.checkInMinutes * MINUTE_MS);
    await recordAttendance(
      ctx,
      SEED_ADMIN,
      DEMO_PAST_SCHEDULE.id,
      attendance.studentId,
      attendance.status,
      { checkedInAt },
    );
    created += 1;
  }

  if (created > 0) ctx.log.info({ created }, 'seeded demo courses');
}
