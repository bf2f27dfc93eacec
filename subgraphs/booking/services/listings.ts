import type { DataSource } from 'typeorm';
import { paginate, type Connection, type PageArgs } from '../../shared/pagination';
import { Booking } from '../entities/booking';
import { Enrollment } from '../entities/enrollment';

/** Bookings awaiting a decision, oldest first: the admin's work queue. */
export const pendingBookingsPage = (db: DataSource, args: PageArgs): Promise<Connection<Booking>> =>
  paginate(
    db.getRepository(Booking).createQueryBuilder('booking').where("booking.status = 'PENDING'"),
    args,
    {
      columns: ['booking.createdAt', 'booking.id'],
      values: (booking) => [booking.createdAt.toISOString(), booking.id],
    },
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
    {
      columns: ['enrollment.enrolledAt', 'enrollment.id'],
      values: (enrollment) => [enrollment.enrolledAt.toISOString(), enrollment.id],
    },
  );
