import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';

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

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `first must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

export const encodeCursor = (values: CursorValue[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('after', 'after is not a cursor returned by this connection.');
}

export interface KeysetOrder<E> {
  /** SQL expressions to order by, ascending; the last must be unique (the id). */
  columns: string[];
  /** The same values read from a row, for its cursor. */
  values: (row: E) => CursorValue[];
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
  const size = pageSize(args.first);
  const page = query.clone();
  if (args.after) {
    const values = decodeCursor(args.after, order.columns.length);
    const params = Object.fromEntries(values.map((v, i) => [`cursor${i}`, v]));
    page.andWhere(
      `(${order.columns.join(', ')}) > (${values.map((_, i) => `:cursor${i}`).join(', ')})`,
      params,
    );
  }
  order.columns.forEach((column, i) =>
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
