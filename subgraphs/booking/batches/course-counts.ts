import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { LIVE_BOOKING_STATUSES } from '../entities/booking';
import { COUNTED_ENROLLMENT_STATUSES } from '../entities/enrollment';
import { uuidsOf } from '../../shared/ids';

interface CourseCount {
  id: string;
  count: number;
}

/** A per-course number from one statement over the batch; a course without a row gets 0. */
function courseCountLoader(
  db: DataSource,
  sql: string,
  statuses: readonly string[],
): DataLoader<string, number> {
  return new DataLoader<string, number>(async (courseIds) => {
    const ids = uuidsOf(courseIds);
    if (ids.length === 0) return courseIds.map(() => 0);
    const rows = await db.query<CourseCount[]>(sql, [ids, statuses]);
    const byId = new Map(rows.map((row) => [row.id, row.count]));
    return courseIds.map((id) => byId.get(id) ?? 0);
  });
}

/** Course.enrollmentCount: ACTIVE and COMPLETED enrollments. */
export const enrollmentCountLoader = (db: DataSource): DataLoader<string, number> =>
  courseCountLoader(
    db,
    `SELECT "course_id" AS "id", count(*)::int AS "count"
       FROM "booking"."enrollments"
      WHERE "course_id" = ANY($1::uuid[]) AND "status" = ANY($2::text[])
      GROUP BY "course_id"`,
    COUNTED_ENROLLMENT_STATUSES,
  );

/**
 * Course.seatsLeft: the course view's capacity minus its live (PENDING or CONFIRMED)
 * bookings, never below 0. A course the view does not know has no row, so 0 seats.
 */
export const seatsLeftLoader = (db: DataSource): DataLoader<string, number> =>
  courseCountLoader(
    db,
    `SELECT "course"."id",
            GREATEST("course"."capacity" - COALESCE("live"."taken", 0), 0)::int AS "count"
       FROM "booking"."courses" AS "course"
       LEFT JOIN (
              SELECT "course_id", count(*) AS "taken"
                FROM "booking"."bookings"
               WHERE "course_id" = ANY($1::uuid[]) AND "status" = ANY($2::text[])
               GROUP BY "course_id"
            ) AS "live" ON "live"."course_id" = "course"."id"
      WHERE "course"."id" = ANY($1::uuid[])`,
    LIVE_BOOKING_STATUSES,
  );
