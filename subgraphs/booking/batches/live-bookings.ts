import DataLoader from 'dataloader';
import { traceBatch } from '../../shared/observability/dataloader-spans';
import type { DataSource } from 'typeorm';
import { selectWhere } from '../../shared/db/plain-select';
import { Booking, LIVE_BOOKING_STATUSES } from '../entities/booking';
import { uuidsOf } from '../../shared/ids';

/** A user's live booking of a course (Course.viewerBooking). */
export interface LiveBookingKey {
  userId: string;
  courseId: string;
}

const cacheKey = ({ userId, courseId }: LiveBookingKey): string => `${userId}:${courseId}`;

/**
 * The live (PENDING or CONFIRMED) booking per (user, course), or null. A partial unique
 * index keeps it to at most one. One statement per batch.
 */
export function liveBookingLoader(
  db: DataSource,
): DataLoader<LiveBookingKey, Booking | null, string> {
  return new DataLoader<LiveBookingKey, Booking | null, string>(
    (keys) =>
      traceBatch('liveBookingByUserAndCourse', keys.length, async () => {
        const userIds = uuidsOf(keys.map((k) => k.userId));
        const courseIds = uuidsOf(keys.map((k) => k.courseId));
        if (userIds.length === 0 || courseIds.length === 0) return keys.map(() => null);
        const rows = await selectWhere(db, Booking, [
          { property: 'userId', in: userIds },
          { property: 'courseId', in: courseIds },
          { property: 'status', in: LIVE_BOOKING_STATUSES },
        ]);
        const byKey = new Map(rows.map((row) => [cacheKey(row), row]));
        return keys.map((key) => byKey.get(cacheKey(key)) ?? null);
      }),
    { cacheKeyFn: cacheKey },
  );
}
