import type { DataSource } from 'typeorm';
import { DEMO_USERS } from '../shared/demo/catalog';
import type { Logger } from '../shared/logger';
import { InstructorProfile } from './entities/instructor-profile';
import { Profile } from './entities/profile';

/** Demo profiles (contract: Demo data). Inserts only what is missing, so reruns add nothing. */
export async function seedUsers(db: DataSource, log: Logger): Promise<void> {
  const [profiles, instructors] = await Promise.all([
    db.getRepository(Profile).find({ select: { id: true } }),
    db.getRepository(InstructorProfile).find({ select: { userId: true } }),
  ]);
  const hasProfile = new Set(profiles.map((p) => p.id));
  const hasInstructor = new Set(instructors.map((i) => i.userId));
  const missingProfiles = DEMO_USERS.filter((u) => !hasProfile.has(u.id));
  const missingInstructors = DEMO_USERS.filter((u) => u.instructor && !hasInstructor.has(u.id));
  if (missingProfiles.length === 0 && missingInstructors.length === 0) return;

  await db.transaction(async (manager) => {
    if (missingProfiles.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Profile)
        .values(
          missingProfiles.map((u) => ({
            id: u.id,
            firstName: u.firstName,
            lastName: u.lastName,
            bio: u.bio ?? null,
            phone: u.phone ?? null,
          })),
        )
        .orIgnore()
        .execute();
    }
    if (missingInstructors.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(InstructorProfile)
        .values(
          missingInstructors.flatMap(({ id, instructor }) =>
            instructor ? [{ userId: id, ...instructor }] : [],
          ),
        )
        .orIgnore()
        .execute();
    }
  });
  log.info(
    { profiles: missingProfiles.length, instructorProfiles: missingInstructors.length },
    'seeded demo profiles',
  );
}
