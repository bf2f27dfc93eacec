import DataLoader from 'dataloader';
import { traceBatch } from '../../shared/observability/dataloader-spans';
import type { DataSource } from 'typeorm';
import { COUNTED_ENROLLMENT_STATUSES } from '../entities/enrollment';
import { uuidsOf } from '../../shared/ids';

interface CourseCount {
  id: string;
  count: number;
}

/**
 * A per-course number from one statement over the batch (`$1`: the batch's course ids);
 * a course without a row gets 0.
 */
function courseCountLoader(
  name: string,
  db: DataSource,
  sql: string,
  parameters: readonly unknown[] = [],
): DataLoader<string, number> {
  return new DataLoader<string, number>((courseIds) =>
    traceBatch(name, courseIds.length, async () => {
      const ids = uuidsOf(courseIds);
      if (ids.length === 0) return courseIds.map(() => 0);
      const rows = await db.query<CourseCount[]>(sql, [ids, ...parameters]);
      const byId = new Map(rows.map((row) => [row.id, row.count]));
      return courseIds.map((id) => byId.get(id) ?? 0);
    }),
  );
}

/** Course.enrollmentCount: ACTIVE and COMPLETED enrollments. */
export const enrollmentCountLoader = (db: DataSource): DataLoader<string, number> =>
  courseCountLoader(
    'enrollmentCountByCourse',
    db,
    `SELECT "course_id" AS "id", count(*)::int AS "count"
       FROM "booking"."enrollments"
      WHERE "course_id" = ANY($1::uuid[]) AND "status" = ANY($2::text[])
      GROUP BY "course_id"`,
    [COUNTED_ENROLLMENT_STATUSES],
  );

/**
 * Course.seatsLeft: the course view's capacity minus the seats its live (PENDING or
 * CONFIRMED) bookings hold, never below 0 (a capacity lowered under the seats taken). A
 * course the view does not know has no row, so 0 seats.
 */
export const seatsLeftLoader = (db: DataSource): DataLoader<string, number> =>
  courseCountLoader(
    'seatsLeftByCourse',
    db,
    `SELECT "id", GREATEST("capacity" - "seats_taken", 0)::int AS "count"
       FROM "booking"."courses"
      WHERE "id" = ANY($1::uuid[])`,
  );
