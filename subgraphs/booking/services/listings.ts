import type { DataSource } from 'typeorm';
import {
  paginate,
  type Connection,
  type KeysetOrder,
  type PageArgs,
} from '../../shared/pagination';
import { Booking } from '../entities/booking';
import { Enrollment } from '../entities/enrollment';

const PENDING_ORDER: KeysetOrder<Booking> = {
  columns: [
    { sql: 'booking.createdAt', kind: 'timestamp' },
    { sql: 'booking.id', kind: 'uuid' },
  ],
  values: (booking) => [booking.createdAt.toISOString(), booking.id],
};

export const ENROLLMENT_ORDER: KeysetOrder<Enrollment> = {
  columns: [
    { sql: 'enrollment.enrolledAt', kind: 'timestamp' },
    { sql: 'enrollment.id', kind: 'uuid' },
  ],
  values: (enrollment) => [enrollment.enrolledAt.toISOString(), enrollment.id],
};

/** Bookings awaiting a decision, oldest first: the admin's work queue. */
export const pendingBookingsPage = (db: DataSource, args: PageArgs): Promise<Connection<Booking>> =>
  paginate(
    db.getRepository(Booking).createQueryBuilder('booking').where("booking.status = 'PENDING'"),
    args,
    PENDING_ORDER,
  );

/** A course's enrollments in the order students enrolled. */
export const courseEnrollmentsPage = (
  db: DataSource,
  courseId: string,
  args: PageArgs,
): Promise<Connection<Enrollment>> =>
  paginate(
    db
      .getRepository(Enrollment)
      .createQueryBuilder('enrollment')
      .where('enrollment.courseId = :courseId', { courseId }),
    args,
    ENROLLMENT_ORDER,
  );
