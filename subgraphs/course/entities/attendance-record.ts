import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AttendanceStatus = 'PRESENT' | 'LATE' | 'ABSENT' | 'EXCUSED';

/** One student at one class: at most one record each (the primary key). */
@Entity({ schema: 'course', name: 'attendance_records' })
export class AttendanceRecord {
  @PrimaryColumn({ name: 'schedule_id', type: 'uuid' })
  scheduleId: string;

  /** A user of the auth subgraph: a plain uuid, no cross-schema foreign key. */
  @Index('attendance_records_student_id_idx')
  @PrimaryColumn({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ type: 'text' })
  status: AttendanceStatus;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
