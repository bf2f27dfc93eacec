import type { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  paginate,
  type Connection,
  type KeysetOrder,
  type PageArgs,
} from '../../shared/pagination';
import { InstructorProfile } from '../entities/instructor-profile';
import { Profile } from '../entities/profile';
import { namePattern } from './search-pattern';
import { MAX_NAME_LENGTH } from './update-my-profile';

/** Every listing of people reads alphabetically by last name (index profiles_name_order_idx). */
const BY_NAME: KeysetOrder<Profile> = {
  columns: [
    { sql: 'profile.last_name', kind: 'text', maxLength: MAX_NAME_LENGTH },
    { sql: 'profile.first_name', kind: 'text', maxLength: MAX_NAME_LENGTH },
    { sql: 'profile.id', kind: 'uuid' },
  ],
  values: (profile) => [profile.lastName, profile.firstName, profile.id],
};

// The same expression as profiles_full_name_trgm_idx, so the trigram index serves it.
const FULL_NAME = `(profile.first_name || ' ' || profile.last_name)`;

const profiles = (db: DataSource): SelectQueryBuilder<Profile> =>
  db.getRepository(Profile).createQueryBuilder('profile');

/** All profiles, optionally those whose name contains `search` (admin directory). */
export function listProfiles(
  db: DataSource,
  args: PageArgs & { search?: string | null },
): Promise<Connection<Profile>> {
  const query = profiles(db);
  const pattern = namePattern(args.search);
  if (pattern) query.where(`${FULL_NAME} ILIKE :pattern`, { pattern });
  return paginate(query, args, BY_NAME);
}

/** Profiles that have an instructor profile. */
export function listInstructors(db: DataSource, args: PageArgs): Promise<Connection<Profile>> {
  const query = profiles(db).innerJoin(
    InstructorProfile,
    'instructor',
    'instructor.user_id = profile.id',
  );
  return paginate(query, args, BY_NAME);
}
