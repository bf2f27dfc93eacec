import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { badUserInput, notFound } from '../../shared/errors';
import { httpUrl, notNull, optionalText, requiredText } from '../../shared/validation';
import { Profile } from '../entities/profile';
import type { UpdateProfileInput } from '../generated/graphql';
import { invalidateProfiles } from '../profile-cache';

export const MAX_NAME_LENGTH = 100;
export const MAX_AVATAR_URL_LENGTH = 2048;
export const MAX_BIO_LENGTH = 2000;

/**
 * Loose on purpose: people write numbers in many national styles, so this only keeps out
 * what is clearly not a phone number (letters, too short, too long).
 */
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
const MAX_PHONE_LENGTH = 21; // the longest text PHONE accepts

type ProfileChanges = Partial<
  Pick<Profile, 'firstName' | 'lastName' | 'avatarUrl' | 'bio' | 'phone'>
>;

/** A name may be left out but never cleared: the profile always has one. */
function name(field: 'firstName' | 'lastName', value: string | null | undefined) {
  const given = notNull(field, value);
  return given === undefined ? undefined : requiredText(field, given, MAX_NAME_LENGTH);
}

function avatarUrl(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return httpUrl('avatarUrl', value, MAX_AVATAR_URL_LENGTH);
}

function phone(value: string | null | undefined): string | null | undefined {
  const text = optionalText('phone', value, MAX_PHONE_LENGTH);
  if (text && !PHONE.test(text)) {
    throw badUserInput('phone', 'phone must be a phone number such as +1 555 0100.');
  }
  return text;
}

/** The columns the input sets: a field left out is not in the result, null clears. */
function profileChanges(input: UpdateProfileInput): ProfileChanges {
  const changes: ProfileChanges = {
    firstName: name('firstName', input.firstName),
    lastName: name('lastName', input.lastName),
    avatarUrl: avatarUrl(input.avatarUrl),
    bio: optionalText('bio', input.bio, MAX_BIO_LENGTH),
    phone: phone(input.phone),
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as ProfileChanges;
}

/**
 * updateMyProfile: the viewer edits their own profile. The profile itself comes from the
 * user.registered event, so an account whose event is not applied yet gets NOT_FOUND.
 */
export async function updateMyProfile(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: UpdateProfileInput,
): Promise<Profile> {
  const { id } = requireViewer(viewer);
  const changes = profileChanges(input);
  const profile = await ctx.db.transaction(async (manager) => {
    // One conditional UPDATE: no read-then-write, and it tells whether the profile exists.
    const updated = await manager
      .createQueryBuilder()
      .update(Profile)
      .set({ ...changes, updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
    if (!updated.affected) throw notFound('You have no profile yet.');
    return manager.findOneByOrFail(Profile, { id });
  });
  // Committed: every instance now reads the new profile (Redis cache, when there is one).
  await invalidateProfiles(ctx, [id]);
  return profile;
}
