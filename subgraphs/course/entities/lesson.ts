import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type LessonKind = 'VIDEO' | 'TEXT' | 'QUIZ' | 'ASSIGNMENT';

@Entity({ schema: 'course', name: 'lessons' })
@Unique('lessons_section_id_position_key', ['sectionId', 'position'])
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'section_id', type: 'uuid' })
  sectionId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: LessonKind;

  /** 0-based order within the section. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ name: 'duration_minutes', type: 'integer', nullable: true })
  durationMinutes: number | null;

  @Column({ name: 'is_preview', type: 'boolean', default: false })
  isPreview: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
