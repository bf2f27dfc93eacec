import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type EnrollmentStatus = 'ACTIVE' | 'COMPLETED' | 'DROPPED';

/** Enrollments that count towards a course's enrollmentCount. */
export const COUNTED_ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = ['ACTIVE', 'COMPLETED'];

/** A student's place in a course: made by confirming a booking, one per booking. */
@Entity({ schema: 'booking', name: 'enrollments' })
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'booking_id', type: 'uuid', unique: true })
  bookingId: string;

  @Index('enrollments_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Index('enrollments_course_id_idx')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: EnrollmentStatus;

  @Column({ name: 'progress_percent', type: 'int', default: 0 })
  progressPercent: number;

  /** Millisecond precision, so a keyset cursor (a JS Date) names the row exactly. */
  @Column({ name: 'enrolled_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  enrolledAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
