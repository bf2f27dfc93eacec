import { loadConfig } from '../subgraphs/shared/config';
import { bootstrapDatabase } from '../subgraphs/shared/db/bootstrap';
import { rootLogger } from '../subgraphs/shared/logger';

/**
 * `npm run db:bootstrap`: schemas and roles on the server DATABASE_URL names (an admin
 * connection). docker-compose runs it once before the subgraphs start.
 */
async function main(): Promise<void> {
  const config = await loadConfig();
  if (!config.adminDatabaseUrl) throw new Error('DATABASE_URL (an admin connection) is required');
  await bootstrapDatabase(config.adminDatabaseUrl, config.db, config.dbPasswords);
  rootLogger.info({ database: config.db.database }, 'database bootstrapped');
}

main().catch((error: unknown) => {
  rootLogger.error({ err: error }, 'bootstrap failed');
  process.exit(1);
});
