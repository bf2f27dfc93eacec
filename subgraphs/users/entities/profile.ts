import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user's profile; its id is the auth account's id (one profile per account). */
@Entity({ schema: 'users', name: 'profiles' })
@Index('profiles_name_order_idx', ['lastName', 'firstName', 'id'])
export class Profile {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  @Column({ name: 'avatar_url', type: 'text', nullable: true })
  avatarUrl: string | null;

  @Column({ type: 'text', nullable: true })
  bio: string | null;

  /** Private: only the user themself and admins see it (resolvers/User.ts). */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
