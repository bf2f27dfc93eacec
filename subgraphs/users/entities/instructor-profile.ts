import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Teaching details of a profile; a row exists only for users who teach. */
@Entity({ schema: 'users', name: 'instructor_profiles' })
export class InstructorProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text', nullable: true })
  headline: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  specialties: string[];

  @Column({ name: 'years_of_experience', type: 'integer', nullable: true })
  yearsOfExperience: number | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
