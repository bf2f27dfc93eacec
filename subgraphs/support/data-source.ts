import type { DataSource } from 'typeorm';
import type { CampusConfig } from '../shared/config';
import { createServiceDataSource } from '../shared/db/data-source';
import type { Logger } from '../shared/logger';
import { StaffAccount } from './entities/staff-account';
import { SupportMessage } from './entities/support-message';
import { SupportSession } from './entities/support-session';
import { CreateSupportSessionsAndMessages1763769600000 } from './migrations/1763769600000-create-support-sessions-and-messages';
import { AddSupportSessionChecks1763856000000 } from './migrations/1763856000000-add-support-session-checks';
import { AddStaffAccounts1764028800000 } from './migrations/1764028800000-add-staff-accounts';

export const createSupportDataSource = (
  config: CampusConfig,
  log: Logger,
  options: { keepStatements?: boolean } = {},
): DataSource =>
  createServiceDataSource({
    service: 'support',
    config,
    log,
    entities: [SupportSession, SupportMessage, StaffAccount],
    migrations: [
      CreateSupportSessionsAndMessages1763769600000,
      AddSupportSessionChecks1763856000000,
      AddStaffAccounts1764028800000,
    ],
    ...options,
  });
