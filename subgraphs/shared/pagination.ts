import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';
import { isUuid } from './ids';
import { isSupportedDateTime } from './scalars';
import { isPlainText } from './validation';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

type CursorValue = string | number;

/**
 * What a keyset column holds. A cursor comes back from the client, so each of its values is
 * checked against its column's kind before it becomes a SQL parameter: a value PostgreSQL
 * cannot cast would otherwise fail the statement (an internal error, not the client's).
 */
export type KeysetColumn =
  | { sql: string; kind: 'uuid' }
  /** timestamptz, in a cursor as `toISOString()` gives it (columns hold milliseconds). */
  | { sql: string; kind: 'timestamp' }
  /** PostgreSQL `integer`. */
  | { sql: string; kind: 'integer' }
  /** text no longer than `maxLength`, the longest value the column's own rules allow. */
  | { sql: string; kind: 'text'; maxLength: number };

// Far above any cursor this module makes (a few text values of at most a few hundred
// characters), so only a forged one is refused for its length.
const MAX_CURSOR_LENGTH = 4096;
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `first must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

export const encodeCursor = (values: CursorValue[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

/** Whether `value` is one that `column` can hold, as a cursor made by this module has it. */
function fits(column: KeysetColumn, value: unknown): boolean {
  switch (column.kind) {
    case 'uuid':
      return typeof value === 'string' && isUuid(value);
    case 'timestamp': {
      if (typeof value !== 'string') return false;
      // Only the exact form encodeCursor writes: this rejects impossible dates (Feb 30th
      // would not come back unchanged) and years outside DateTime's range.
      const date = new Date(value);
      return isSupportedDateTime(date) && date.toISOString() === value;
    }
    case 'integer':
      return Number.isSafeInteger(value) && Number(value) >= INT4_MIN && Number(value) <= INT4_MAX;
    case 'text':
      return typeof value === 'string' && value.length <= column.maxLength && isPlainText(value);
  }
}

/** The cursor's values, one per column and each of its column's kind, else BAD_USER_INPUT. */
export function decodeCursor(cursor: string, columns: readonly KeysetColumn[]): CursorValue[] {
  try {
    const values: unknown =
      cursor.length <= MAX_CURSOR_LENGTH
        ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
        : undefined;
    if (
      Array.isArray(values) &&
      values.length === columns.length &&
      columns.every((column, i) => fits(column, values[i]))
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('after', 'after is not a cursor returned by this connection.');
}

export interface KeysetOrder<E> {
  /** Columns to order by, ascending; the last must be unique (the id). */
  columns: KeysetColumn[];
  /** The same values read from a row, for its cursor (timestamps as `toISOString()`). */
  values: (row: E) => CursorValue[];
}

/**
 * The page size and the decoded `after`, or BAD_USER_INPUT. `paginate` calls it; a
 * resolver that must look something up first calls it before, so that malformed arguments
 * are reported as such rather than as whatever the lookup finds.
 */
export function checkPage<E>(
  args: PageArgs,
  order: KeysetOrder<E>,
): { size: number; after: CursorValue[] | null } {
  return {
    size: pageSize(args.first),
    after: args.after ? decodeCursor(args.after, order.columns) : null,
  };
}

/**
 * Relay connection over a query builder with keyset pagination (no OFFSET): the page is
 * one statement, the total another, run side by side.
 */
export async function paginate<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  args: PageArgs,
  order: KeysetOrder<E>,
): Promise<Connection<E>> {
  const { size, after } = checkPage(args, order);
  const page = query.clone();
  const columns = order.columns.map((column) => column.sql);
  if (after) {
    const params = Object.fromEntries(after.map((v, i) => [`cursor${i}`, v]));
    page.andWhere(
      `(${columns.join(', ')}) > (${after.map((_, i) => `:cursor${i}`).join(', ')})`,
      params,
    );
  }
  columns.forEach((column, i) =>
    i === 0 ? page.orderBy(column, 'ASC') : page.addOrderBy(column, 'ASC'),
  );
  page.limit(size + 1);
  const [rows, totalCount] = await Promise.all([page.getMany(), query.getCount()]);
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(order.values(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
