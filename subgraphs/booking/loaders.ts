import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
import { selectWhereIn } from '../shared/db/plain-select';
import { loaderByGroup, loaderByKey } from '../shared/loaders';
import { bookingsByUserLoader } from './batches/bookings-by-user';
import { enrollmentCountLoader, seatsLeftLoader } from './batches/course-counts';
import { liveBookingLoader } from './batches/live-bookings';
import { Booking } from './entities/booking';
import { CourseView } from './entities/course-view';
import { Enrollment } from './entities/enrollment';
import { uuidsOf } from '../shared/ids';

/** Runs `find` on the batch's well-formed ids only; a malformed id matches no row anyway. */
const forValidIds =
  <E>(find: (ids: string[]) => Promise<E[]>) =>
  async (ids: readonly string[]): Promise<E[]> => {
    const valid = uuidsOf(ids);
    return valid.length === 0 ? [] : find(valid);
  };

/** Per-request loaders: each batch is one SQL statement. */
export function createLoaders(db: DataSource) {
  return {
    bookingById: loaderByKey(
      forValidIds((ids) => selectWhereIn(db, Booking, 'id', ids)),
      (booking) => booking.id,
    ),
    enrollmentById: loaderByKey(
      forValidIds((ids) => selectWhereIn(db, Enrollment, 'id', ids)),
      (enrollment) => enrollment.id,
    ),
    courseViewById: loaderByKey(
      forValidIds((ids) => selectWhereIn(db, CourseView, 'id', ids)),
      (course) => course.id,
    ),
    bookingsByUser: bookingsByUserLoader(db),
    enrollmentsByUser: loaderByGroup(
      forValidIds((userIds) =>
        selectWhereIn(db, Enrollment, 'userId', userIds, {
          orderBy: [
            ['enrolledAt', 'DESC'],
            ['id', 'DESC'],
          ],
        }),
      ),
      (enrollment) => enrollment.userId,
    ),
    enrollmentCountByCourse: enrollmentCountLoader(db),
    seatsLeftByCourse: seatsLeftLoader(db),
    liveBookingByUserAndCourse: liveBookingLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
