import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SupportSessionStatus = 'OPEN' | 'ASSIGNED' | 'RESOLVED' | 'CLOSED';

/** A support conversation. Customer and assignee are users of auth: plain uuid columns. */
@Entity({ schema: 'support', name: 'support_sessions' })
export class SupportSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', default: 'OPEN' })
  status: SupportSessionStatus;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** Time of the latest message: what "activity" and "waiting" are ordered by. */
  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;
}
