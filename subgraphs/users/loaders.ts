import type { DataSource } from 'typeorm';
import type { ServiceContext, SubgraphContext } from '../shared/context';
import { selectWhereIn } from '../shared/db/plain-select';
import { loaderByKey } from '../shared/loaders';
import { InstructorProfile } from './entities/instructor-profile';
import { Profile } from './entities/profile';
import { uuidsOf } from '../shared/ids';
import { profileCache } from './profile-cache';

/**
 * Per-request loaders: each batch is one SQL statement. With Redis (`services.redis`),
 * profiles are read through the `user:{id}` cache first: one MGET per batch, one SQL
 * statement for the misses only (none when all hit), one pipeline writing those back.
 */
export function createLoaders(db: DataSource, services?: Pick<ServiceContext, 'redis' | 'log'>) {
  const cache = services && profileCache(services.redis, services.log);
  const fromDb = (ids: readonly string[]): Promise<Profile[]> =>
    ids.length ? selectWhereIn(db, Profile, 'id', ids) : Promise.resolve([]);
  return {
    profileById: loaderByKey(
      async (ids: readonly string[]) => {
        // Non-UUID keys match nothing; a batch of only such keys costs no statement.
        const valid = uuidsOf(ids);
        if (!cache || valid.length === 0) return fromDb(valid);
        const cached = await cache.getMany(valid);
        const hits = cached.filter((profile): profile is Profile => profile !== undefined);
        const loaded = await fromDb(valid.filter((_id, i) => cached[i] === undefined));
        await cache.setMany(loaded.map((profile) => [profile.id, profile] as const));
        return [...hits, ...loaded];
      },
      (profile) => profile.id,
    ),
    // Not cached: instructor profiles are read far less often than names.
    instructorProfileByUser: loaderByKey(
      (userIds: readonly string[]) => selectWhereIn(db, InstructorProfile, 'userId', userIds),
      (instructor) => instructor.userId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
