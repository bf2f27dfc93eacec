import type { Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { AttendanceRecord, type AttendanceStatus } from '../entities/attendance-record';
import { ClassSchedule } from '../entities/class-schedule';
import { Course } from '../entities/course';
import { requireCourseAuthor, requireCourseOwner } from './course-access';

/** Internal options: the seed's check-in times of a past class (default: now). */
export interface RecordAttendanceOptions {
  checkedInAt?: Date;
}

interface AttendanceRow {
  schedule_id: string;
  student_id: string;
  status: AttendanceStatus;
  checked_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * One statement, so concurrent calls for the same student cannot both insert: the primary
 * key (schedule_id, student_id) turns the second into an update. PRESENT and LATE keep an
 * earlier check-in (correcting LATE to PRESENT does not move it), else check in at $4 or
 * now; ABSENT and EXCUSED clear it.
 */
const UPSERT = `
  INSERT INTO "course"."attendance_records" ("schedule_id", "student_id", "status", "checked_in_at")
  VALUES ($1, $2, $3,
          CASE WHEN $3 IN ('PRESENT', 'LATE') THEN COALESCE($4::timestamptz, now()) END)
  ON CONFLICT ("schedule_id", "student_id") DO UPDATE
    SET "status" = EXCLUDED."status",
        "checked_in_at" = CASE WHEN EXCLUDED."status" IN ('PRESENT', 'LATE')
                               THEN COALESCE("attendance_records"."checked_in_at",
                                             EXCLUDED."checked_in_at")
                          END,
        "updated_at" = now()
  RETURNING *`;

/** recordAttendance: the class's course's instructor or an admin records one student. */
export async function recordAttendance(
  ctx: ServiceContext,
  viewer: Viewer | null,
  scheduleId: string,
  studentId: string,
  status: AttendanceStatus,
  options: RecordAttendanceOptions = {},
): Promise<AttendanceRecord> {
  const author = requireCourseAuthor(viewer);
  requireUuid('scheduleId', scheduleId);
  // Any well-formed id: students are the auth subgraph's users, which this one cannot see.
  requireUuid('studentId', studentId);
  const owner = await ctx.db
    .getRepository(ClassSchedule)
    .createQueryBuilder('schedule')
    .innerJoin(Course, 'course', 'course.id = schedule.courseId')
    .select('course.instructorId', 'instructorId')
    .where('schedule.id = :scheduleId', { scheduleId })
    .getRawOne<{ instructorId: string }>();
  if (!owner) throw notFound('No class with this id.');
  requireCourseOwner(author, owner);
  const [row] = (await ctx.db.query(UPSERT, [
    scheduleId,
    studentId,
    status,
    options.checkedInAt ?? null,
  ])) as AttendanceRow[];
  if (!row) throw new Error('The attendance upsert returned no row.');
  return ctx.db.getRepository(AttendanceRecord).create({
    scheduleId: row.schedule_id,
    studentId: row.student_id,
    status: row.status,
    checkedInAt: row.checked_in_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
