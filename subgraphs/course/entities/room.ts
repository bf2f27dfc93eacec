import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ schema: 'course', name: 'rooms' })
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text', nullable: true })
  building: string | null;

  /** Seats. */
  @Column({ type: 'integer' })
  capacity: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
