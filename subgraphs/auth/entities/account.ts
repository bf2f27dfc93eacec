import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../shared/auth/viewer';

export type AccountStatus = 'ACTIVE' | 'SUSPENDED';

@Entity({ schema: 'auth', name: 'accounts' })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Normalised: trimmed and lower-cased (a CHECK constraint holds us to it). */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text', default: 'STUDENT' })
  role: Role;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: AccountStatus;

  @Column({ name: 'email_verified', type: 'boolean', default: false })
  emailVerified: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /**
   * When the role last changed: access tokens issued before it carry the old role and are
   * refused (see services/token-cutoff.ts).
   */
  @Column({ name: 'tokens_valid_after', type: 'timestamptz', nullable: true })
  tokensValidAfter: Date | null;

  /**
   * Grows with every change of role or status; the user.access-changed event carries it, so
   * consumers ignore stale ones (0: as registered).
   */
  @Column({ name: 'access_version', type: 'int', default: 0 })
  accessVersion: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
