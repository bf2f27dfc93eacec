import { QueryFailedError } from 'typeorm';

const pgError = (error: unknown): { code?: string; constraint?: string } | undefined =>
  error instanceof QueryFailedError
    ? (error.driverError as { code?: string; constraint?: string })
    : undefined;

/** A unique constraint (optionally this one) refused the write: SQLSTATE 23505. */
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const pg = pgError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
};

/** An exclusion constraint (optionally this one) refused the write: SQLSTATE 23P01. */
export const isExclusionViolation = (error: unknown, constraint?: string): boolean => {
  const pg = pgError(error);
  return pg?.code === '23P01' && (constraint === undefined || pg.constraint === constraint);
};

/** The name of the constraint a failed statement violated, if any. */
export const violatedConstraint = (error: unknown): string | undefined =>
  pgError(error)?.constraint;

/**
 * PostgreSQL broke a lock cycle by aborting this statement (SQLSTATE 40P01). Retrying is
 * safe: the other transaction went on, and a retry sees what it committed.
 */
export const isDeadlock = (error: unknown): boolean => pgError(error)?.code === '40P01';
