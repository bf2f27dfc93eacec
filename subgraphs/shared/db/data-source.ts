import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { CampusConfig } from '../config';
import type { Logger } from '../logger';
import { TOPOLOGY, type SubgraphName } from '../topology';
import { SqlLogger } from './sql-logger';

export interface ServiceDataSourceOptions {
  service: SubgraphName;
  config: CampusConfig;
  log: Logger;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  migrations: MixedList<Function | string>;
  /** Keep the text of every statement (tests inspect it). */
  keepStatements?: boolean;
}

/**
 * A subgraph's TypeORM connection: logged in as the subgraph's own role, bound to its own
 * schema (entity schema and search_path both), migrations only, never `synchronize`.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const { service, config } = options;
  const { schema, role } = TOPOLOGY[service];
  return new DataSource({
    type: 'postgres',
    host: config.db.host,
    port: config.db.port,
    database: config.db.database,
    username: role,
    password: config.dbPasswords[service],
    schema,
    applicationName: `campus-${service}`,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Ids come from gen_random_uuid() (built in); the roles may not create extensions anyway.
    installExtensions: false,
    logging: true,
    logger: new SqlLogger(options.log.child({ component: 'sql' }), options.keepStatements),
    maxQueryExecutionTime: 500,
    // A new connection costs a SCRAM handshake (deliberately slow) on both sides: idle ones
    // are kept for minutes, not pg's default 10 s, so a pause in traffic does not make the
    // next burst pay for ten of them at once.
    extra: { options: `-c search_path=${schema}`, max: 10, idleTimeoutMillis: 300_000 },
  });
}

/** The statement counter behind a data source made by createServiceDataSource. */
export function sqlLoggerOf(dataSource: DataSource): SqlLogger {
  const logger = dataSource.logger;
  if (!(logger instanceof SqlLogger)) throw new Error('Data source has no SqlLogger');
  return logger;
}
