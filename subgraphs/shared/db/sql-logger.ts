import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../logger';

/**
 * TypeORM logger that sends SQL to pino at debug level and counts statements, so tests can
 * assert "one statement per batch" on the real driver instead of trusting the code.
 */
export class SqlLogger implements TypeOrmLogger {
  statements = 0;
  readonly executed: string[] = [];

  constructor(
    private readonly out: Logger,
    private readonly keepStatements = false,
  ) {}

  /** Starts a fresh count (tests call this before the operation they measure). */
  reset(): void {
    this.statements = 0;
    this.executed.length = 0;
  }

  logQuery(query: string): void {
    this.statements += 1;
    if (this.keepStatements) this.executed.push(query);
    this.out.debug({ sql: query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    this.statements += 1;
    this.out.warn({ err: error, sql: query }, 'sql failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn({ ms: time, sql: query }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.out.debug(message);
  }

  logMigration(message: string): void {
    this.out.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn({ message }, 'typeorm');
    else this.out.debug({ message }, 'typeorm');
  }
}
