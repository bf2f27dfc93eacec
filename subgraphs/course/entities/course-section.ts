import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ schema: 'course', name: 'course_sections' })
@Unique('course_sections_course_id_position_key', ['courseId', 'position'])
export class CourseSection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'text' })
  title: string;

  /** 0-based order within the course. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
