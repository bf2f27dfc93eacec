import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CourseLevel = 'BEGINNER' | 'INTERMEDIATE' | 'ADVANCED';
export type CourseStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

@Entity({ schema: 'course', name: 'courses' })
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower-case letters, digits and dashes (a CHECK constraint holds us to it). */
  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text' })
  level: CourseLevel;

  @Column({ type: 'text', default: 'DRAFT' })
  status: CourseStatus;

  /** Seats, 1 to 10,000. */
  @Column({ type: 'integer' })
  capacity: number;

  /** Null for a free course; then currency is null too. */
  @Column({ name: 'price_cents', type: 'integer', nullable: true })
  priceCents: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  /** A user of the auth subgraph: a plain uuid, no cross-schema foreign key. */
  @Index('courses_instructor_id_idx')
  @Column({ name: 'instructor_id', type: 'uuid' })
  instructorId: string;

  /** 1 when created, + 1 with every change of the row; course.changed carries it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
