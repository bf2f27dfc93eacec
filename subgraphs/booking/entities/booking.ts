import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type BookingStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

/** Bookings that hold a seat: at most one per student and course (a partial unique index). */
export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['PENDING', 'CONFIRMED'];

@Entity({ schema: 'booking', name: 'bookings' })
export class Booking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Auth's user id (no cross-schema FK). */
  @Index('bookings_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The course subgraph's course id; booking.courses holds its local view of it. */
  @Index('bookings_course_id_idx')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  /** The course subgraph's class schedule id. */
  @Index('bookings_schedule_id_idx')
  @Column({ name: 'schedule_id', type: 'uuid', nullable: true })
  scheduleId: string | null;

  @Column({ type: 'text', default: 'PENDING' })
  status: BookingStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Client-chosen key that makes registering retry-safe; unique per user. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true, select: false })
  idempotencyKey: string | null;

  /** Millisecond precision, so a keyset cursor (a JS Date) names the row exactly. */
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why an admin rejected the booking, if they said. */
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** The admin who confirmed or rejected the booking. */
  @Index('bookings_decided_by_idx')
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedById: string | null;
}
