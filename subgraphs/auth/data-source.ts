import type { DataSource } from 'typeorm';
import type { CampusConfig } from '../shared/config';
import { createServiceDataSource } from '../shared/db/data-source';
import type { Logger } from '../shared/logger';
import { Account } from './entities/account';
import { Session } from './entities/session';
import { CreateAccountsAndSessions1763769600000 } from './migrations/1763769600000-create-accounts-and-sessions';

export const createAuthDataSource = (
  config: CampusConfig,
  log: Logger,
  options: { keepStatements?: boolean } = {},
): DataSource =>
  createServiceDataSource({
    service: 'auth',
    config,
    log,
    entities: [Account, Session],
    migrations: [CreateAccountsAndSessions1763769600000],
    ...options,
  });
