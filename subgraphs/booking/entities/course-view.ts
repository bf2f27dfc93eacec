import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The course subgraph's CourseStatus, as its events carry it. */
export type CourseStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

/**
 * Booking's local view of a course the course subgraph owns: just what booking decides
 * with (seats, visibility, who teaches it). Kept current from `course.changed` events; the
 * demo seed fills it until then.
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

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
