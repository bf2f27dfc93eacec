import { In, type DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
import { loaderByKey } from '../shared/loaders';
import { InstructorProfile } from './entities/instructor-profile';
import { Profile } from './entities/profile';
import { uuidsOf } from '../shared/ids';

/** Per-request loaders: each batch is one SQL statement. */
export function createLoaders(db: DataSource) {
  return {
    profileById: loaderByKey(
      async (ids: readonly string[]) => {
        // Non-UUID keys match nothing; a batch of only such keys costs no statement.
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
