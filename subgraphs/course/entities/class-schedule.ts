import { Column, Entity, Exclusion, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One class of a course; ends after it starts (a CHECK constraint holds us to it), and
 * never overlaps another class in the same room (the exclusion constraint).
 */
@Entity({ schema: 'course', name: 'class_schedules' })
@Exclusion(
  'class_schedules_room_no_overlap',
  'USING gist ("room_id" extensions.gist_uuid_ops WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("room_id" IS NOT NULL)',
)
@Index('class_schedules_room_id_starts_at_idx', ['roomId', 'startsAt'])
export class ClassSchedule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('class_schedules_course_id_idx')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'room_id', type: 'uuid', nullable: true })
  roomId: string | null;

  @Index('class_schedules_starts_at_idx')
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
