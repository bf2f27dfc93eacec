import type { DataSource } from 'typeorm';
import type { CampusConfig } from '../shared/config';
import { createServiceDataSource } from '../shared/db/data-source';
import type { Logger } from '../shared/logger';
import { Account } from './entities/account';
import { OneTimeToken } from './entities/one-time-token';
import { OutgoingMail } from './entities/outgoing-mail';
import { RefreshToken } from './entities/refresh-token';
import { Session } from './entities/session';
import { CreateAccountsAndSessions1763769600000 } from './migrations/1763769600000-create-accounts-and-sessions';
import { AddTokenFamiliesMailAndRateLimits1763856000000 } from './migrations/1763856000000-add-token-families-mail-and-rate-limits';
import { AddAccessVersion1764028800000 } from './migrations/1764028800000-add-access-version';
import { AddOutboxTraceParent1764115200000 } from './migrations/1764115200000-add-outbox-trace-parent';

export const createAuthDataSource = (
  config: CampusConfig,
  log: Logger,
  options: { keepStatements?: boolean } = {},
): DataSource =>
  createServiceDataSource({
    service: 'auth',
    config,
    log,
    entities: [Account, Session, RefreshToken, OneTimeToken, OutgoingMail],
    migrations: [
      CreateAccountsAndSessions1763769600000,
      AddTokenFamiliesMailAndRateLimits1763856000000,
      AddAccessVersion1764028800000,
      AddOutboxTraceParent1764115200000,
    ],
    ...options,
  });
