import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The course subgraph's CourseStatus, as its events carry it. */
export type CourseStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

/**
 * Booking's local view of a course the course subgraph owns: just what booking decides
 * with (seats, visibility, who teaches it). Kept current from `course.changed` events
 * (status, capacity, instructor, version); seatsTaken is booking's own count.
 */
@Entity({ schema: 'booking', name: 'courses' })
export class CourseView {
  /** The course subgraph's course id (not generated here). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  status: CourseStatus;

  @Column({ type: 'int' })
  capacity: number;

  @Index('courses_instructor_id_idx')
  @Column({ name: 'instructor_id', type: 'uuid' })
  instructorId: string;

  /** Live (PENDING or CONFIRMED) bookings holding a seat; only booking's mutations move it. */
  @Column({ name: 'seats_taken', type: 'int', default: 0 })
  seatsTaken: number;

  /** The course.changed version last applied: older events change nothing. */
  @Column({ type: 'int', default: 0 })
  version: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
