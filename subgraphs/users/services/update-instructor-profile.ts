import {
  isAdmin,
  requireRole,
  requireSelfOrAdmin,
  requireViewer,
  type Viewer,
} from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { badUserInput, notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { intInRange, optionalText, plainText } from '../../shared/validation';
import { Profile } from '../entities/profile';
import type { InstructorProfileInput } from '../generated/graphql';

export const MAX_HEADLINE_LENGTH = 200;
export const MAX_SPECIALTY_LENGTH = 50;
export const MAX_SPECIALTIES = 20;
export const MAX_YEARS_OF_EXPERIENCE = 80;

/** Column → value for each field the input sets (null clears; left out: unchanged). */
type InstructorChanges = Partial<{
  headline: string | null;
  specialties: string[];
  years_of_experience: number | null;
}>;

// The SELECT's parameters have no target type to be inferred from: cast them explicitly.
const COLUMN_TYPES: Record<keyof InstructorChanges, string> = {
  headline: 'text',
  specialties: 'text[]',
  years_of_experience: 'integer',
};

/**
 * An admin edits anyone's teaching details; an instructor only their own. A student is
 * refused even for themself: teaching details belong to instructors (role from the token).
 */
function requireInstructorSelfOrAdmin(viewer: Viewer | null, userId: string): Viewer {
  const signedIn = requireSelfOrAdmin(viewer, userId);
  return isAdmin(signedIn) ? signedIn : requireRole(signedIn, 'INSTRUCTOR');
}

/** Trimmed, distinct ignoring case (the first spelling wins), in the instructor's order. */
function specialties(values: readonly string[] | null): string[] {
  if (values === null) return [];
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const value of values) {
    const text = plainText('specialties', value).trim();
    if (text.length < 1 || text.length > MAX_SPECIALTY_LENGTH) {
      throw badUserInput(
        'specialties',
        `Each specialty must be 1 to ${MAX_SPECIALTY_LENGTH} characters.`,
      );
    }
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(text);
  }
  if (kept.length > MAX_SPECIALTIES) {
    throw badUserInput('specialties', `List at most ${MAX_SPECIALTIES} specialties.`);
  }
  return kept;
}

function instructorChanges(input: InstructorProfileInput): InstructorChanges {
  const changes: InstructorChanges = {};
  if (input.headline !== undefined) {
    changes.headline = optionalText('headline', input.headline, MAX_HEADLINE_LENGTH) ?? null;
  }
  if (input.specialties !== undefined) changes.specialties = specialties(input.specialties);
  if (input.yearsOfExperience !== undefined) {
    changes.years_of_experience =
      input.yearsOfExperience === null
        ? null
        : intInRange('yearsOfExperience', input.yearsOfExperience, 0, MAX_YEARS_OF_EXPERIENCE);
  }
  return changes;
}

/**
 * updateInstructorProfile: creates the instructor profile when absent, otherwise changes
 * only the fields given. Returns the user's profile (the User).
 */
export async function updateInstructorProfile(
  ctx: ServiceContext,
  viewer: Viewer | null,
  userId: string,
  input: InstructorProfileInput,
): Promise<Profile> {
  // Signed out is UNAUTHENTICATED whatever the arguments; then the id, then the rule.
  requireInstructorSelfOrAdmin(requireViewer(viewer), requireUuid('userId', userId));
  const changes = instructorChanges(input);
  const columns = Object.keys(changes) as (keyof InstructorChanges)[];
  const values = columns.map((column) => changes[column]);
  // Column names come from the fixed InstructorChanges keys above, never from the client.
  const list = columns.map((column) => `, "${column}"`).join('');
  const params = columns.map((column, i) => `, $${i + 2}::${COLUMN_TYPES[column]}`).join('');
  const updates = columns.map((column) => `, "${column}" = EXCLUDED."${column}"`).join('');

  return ctx.db.transaction(async (manager) => {
    // One upsert: selecting from profiles makes it insert nothing when the user has no
    // profile; ON CONFLICT makes concurrent first edits safe. updated_at is always set, so
    // an existing row is returned even when no field was given.
    const upserted = (await manager.query(
      `INSERT INTO "users"."instructor_profiles" ("user_id"${list})
       SELECT "id"${params} FROM "users"."profiles" WHERE "id" = $1
       ON CONFLICT ("user_id") DO UPDATE SET "updated_at" = now()${updates}
       RETURNING "user_id"`,
      [userId, ...values],
    )) as unknown[];
    if (upserted.length === 0) throw notFound('This user has no profile.');
    return manager.findOneByOrFail(Profile, { id: userId });
  });
}
