import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A mail written in the same transaction as the change that calls for it
 * (`auth.mail_outbox`) and delivered afterwards by services/mail-relay.ts.
 */
@Entity({ schema: 'auth', name: 'mail_outbox' })
export class OutgoingMail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  /** Emptied once sent: it carries a live single-use token. */
  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
