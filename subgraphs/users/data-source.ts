import type { DataSource } from 'typeorm';
import type { CampusConfig } from '../shared/config';
import { createServiceDataSource } from '../shared/db/data-source';
import type { Logger } from '../shared/logger';
import { InstructorProfile } from './entities/instructor-profile';
import { Profile } from './entities/profile';
import { CreateProfiles1763769600000 } from './migrations/1763769600000-create-profiles';
import { AddProcessedEvents1763856000000 } from './migrations/1763856000000-add-processed-events';

export const createUsersDataSource = (
  config: CampusConfig,
  log: Logger,
  options: { keepStatements?: boolean } = {},
): DataSource =>
  createServiceDataSource({
    service: 'users',
    config,
    log,
    entities: [Profile, InstructorProfile],
    migrations: [CreateProfiles1763769600000, AddProcessedEvents1763856000000],
    ...options,
  });
