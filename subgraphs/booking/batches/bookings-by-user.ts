import DataLoader from 'dataloader';
import { traceBatch } from '../../shared/observability/dataloader-spans';
import type { DataSource } from 'typeorm';
import { selectWhere } from '../../shared/db/plain-select';
import { Booking, type BookingStatus } from '../entities/booking';
import { uuidsOf } from '../../shared/ids';

/** One user's bookings, optionally of one status (User.bookings, myBookings). */
export interface BookingsOfUser {
  userId: string;
  status?: BookingStatus | null;
}

const cacheKey = ({ userId, status }: BookingsOfUser): string => `${userId}:${status ?? '*'}`;

/**
 * Bookings per (user, status filter), newest first. A batch is one statement over all its
 * users; the status is filtered in SQL when every key names one, else in memory.
 */
export function bookingsByUserLoader(
  db: DataSource,
): DataLoader<BookingsOfUser, Booking[], string> {
  return new DataLoader<BookingsOfUser, Booking[], string>(
    (keys) =>
      traceBatch('bookingsByUser', keys.length, async () => {
        const userIds = uuidsOf(keys.map((k) => k.userId));
        if (userIds.length === 0) return keys.map(() => []);
        const statuses = keys.map((k) => k.status).filter((s): s is BookingStatus => !!s);
        const allFiltered = statuses.length === keys.length;
        const rows = await selectWhere(
          db,
          Booking,
          [
            { property: 'userId', in: userIds },
            ...(allFiltered ? [{ property: 'status', in: [...new Set(statuses)] } as const] : []),
          ],
          {
            orderBy: [
              ['createdAt', 'DESC'],
              ['id', 'DESC'],
            ],
          },
        );
        return keys.map(({ userId, status }) =>
          rows.filter((row) => row.userId === userId && (!status || row.status === status)),
        );
      }),
    { cacheKeyFn: cacheKey },
  );
}
