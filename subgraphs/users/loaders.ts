import { In, type DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
import { loaderByKey } from '../shared/loaders';
import { InstructorProfile } from './entities/instructor-profile';
import { Profile } from './entities/profile';
import { isUuid } from '../shared/ids';

// A key that is not a UUID matches nothing; leaving it out keeps Postgres from rejecting
// the whole batch, and a batch of only such keys costs no statement at all.
const uuidsOf = (keys: readonly string[]): string[] => keys.filter(isUuid);

/** Per-request loaders: each batch is one SQL statement. */
export function createLoaders(db: DataSource) {
  return {
    profileById: loaderByKey(
      async (ids: readonly string[]) => {
        const valid = uuidsOf(ids);
        return valid.length ? db.getRepository(Profile).findBy({ id: In(valid) }) : [];
      },
      (profile) => profile.id,
    ),
    instructorProfileByUser: loaderByKey(
      (userIds: readonly string[]) =>
        db.getRepository(InstructorProfile).findBy({ userId: In([...userIds]) }),
      (instructor) => instructor.userId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
