import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A signed-in device. The refresh token is stored only as its SHA-256 hash. */
@Entity({ schema: 'auth', name: 'sessions' })
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('sessions_account_id_idx')
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'refresh_token_hash', type: 'text', unique: true, select: false })
  refreshTokenHash: string;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
