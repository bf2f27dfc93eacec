import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One message of a support session. The id is a UUIDv7 made by the application
 * (services/message-ids.ts), so ids sort in creation order within a session.
 */
@Entity({ schema: 'support', name: 'support_messages' })
export class SupportMessage {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'sender_id', type: 'uuid' })
  senderId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
