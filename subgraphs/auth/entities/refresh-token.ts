import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One refresh token of a session, stored only as its SHA-256 hash. Refreshing marks the
 * presented token rotated and adds its successor; a rotated token presented again means the
 * family leaked, and the whole session is revoked.
 */
@Entity({ schema: 'auth', name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Index('refresh_tokens_session_id_idx')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;
}
