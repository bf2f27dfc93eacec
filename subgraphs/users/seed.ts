import { In } from 'typeorm';
import type { Viewer } from '../shared/auth/viewer';
import type { ServiceContext } from '../shared/context';
import { DEMO_USERS, demoUser, type DemoUser } from '../shared/demo/catalog';
import { InstructorProfile } from './entities/instructor-profile';
import { Profile } from './entities/profile';
import type { UpdateProfileInput } from './generated/graphql';
import { updateInstructorProfile } from './services/update-instructor-profile';
import { updateMyProfile } from './services/update-my-profile';

const actingAs = (user: DemoUser): Viewer => ({
  id: user.id,
  role: user.role,
  sessionId: 'seed',
  tokenId: 'seed',
});

/**
 * Demo profile details (contract: Demo data), written through the mutations' services.
 * The profiles themselves come from auth's user.registered events (auth is seeded first
 * and its signUp waits for them); a demo user without a profile is skipped with a warning.
 * Only what is not set yet is written, so a second run only reads.
 */
export async function seedUsers(
  ctx: ServiceContext,
  users: readonly DemoUser[] = DEMO_USERS,
): Promise<void> {
  const ids = users.map((u) => u.id);
  const [profiles, instructors] = await Promise.all([
    ctx.db.getRepository(Profile).findBy({ id: In(ids) }),
    ctx.db
      .getRepository(InstructorProfile)
      .find({ select: { userId: true }, where: { userId: In(ids) } }),
  ]);
  const profileOf = new Map(profiles.map((p) => [p.id, p]));
  const hasInstructorProfile = new Set(instructors.map((i) => i.userId));
  const admin = actingAs(demoUser('admin'));
  const missing: string[] = [];
  let updated = 0;

  for (const user of users) {
    const profile = profileOf.get(user.id);
    if (!profile) {
      missing.push(user.email);
      continue;
    }
    const details: UpdateProfileInput = {};
    if (user.bio && profile.bio === null) details.bio = user.bio;
    if (user.phone && profile.phone === null) details.phone = user.phone;
    if (Object.keys(details).length > 0) {
      await updateMyProfile(ctx, actingAs(user), details);
      updated += 1;
    }
    if (user.instructor && !hasInstructorProfile.has(user.id)) {
      await updateInstructorProfile(ctx, admin, user.id, user.instructor);
      updated += 1;
    }
  }

  if (missing.length > 0) {
    ctx.log.warn(
      { users: missing },
      'demo profiles missing (auth has not registered them in this process); skipped',
    );
  }
  if (updated > 0) ctx.log.info({ changes: updated }, 'seeded demo profile details');
}
