import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../shared/auth/viewer';

export type AccountStatus = 'ACTIVE' | 'SUSPENDED';

/**
 * Support's view of who may be assigned a session, kept from auth's user.registered (admins
 * only) and user.access-changed events (consumer group support.staff); support never reads
 * auth's tables. Only what assignment decides with: no email, no name. A row stays after
 * its account stops being an ADMIN, so its version still turns stale events away.
 */
@Entity({ schema: 'support', name: 'staff_accounts' })
export class StaffAccount {
  /** auth's account id (not generated here). */
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'text' })
  status: AccountStatus;

  /** The access version last applied (0: as registered); older events change nothing. */
  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
