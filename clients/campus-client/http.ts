import type { FormattedExecutionResult } from 'graphql';
import { CampusError } from './errors';
import type { OperationInfo } from './documents';

/**
 * How operations name their document:
 * - `hash-first`: Apollo's automatic persisted queries: the hash alone first, then the hash
 *   with the query when the gateway answers PersistedQueryNotFound;
 * - `query-and-hash`: the query with its hash every time (the gateway can check the hash
 *   against its trusted-documents manifest);
 * - `off`: the query alone.
 */
export type PersistedMode = 'hash-first' | 'query-and-hash' | 'off';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpAnswer<D> {
  status: number;
  result: FormattedExecutionResult<D>;
}

interface Body {
  query?: string;
  operationName?: string;
  variables?: unknown;
  extensions?: { persistedQuery: { version: 1; sha256Hash: string } };
}

export const errorCode = (result: FormattedExecutionResult<unknown>): unknown =>
  result.errors?.[0]?.extensions?.code;

const persistedQueryNotFound = (result: FormattedExecutionResult<unknown>) =>
  errorCode(result) === 'PERSISTED_QUERY_NOT_FOUND' ||
  result.errors?.[0]?.message === 'PersistedQueryNotFound';

const persistedQueryNotSupported = (result: FormattedExecutionResult<unknown>) =>
  errorCode(result) === 'PERSISTED_QUERY_NOT_SUPPORTED' ||
  result.errors?.[0]?.message === 'PersistedQueryNotSupported';

/** POSTs GraphQL over HTTP; transport failures become CampusErrors. */
export async function post<D>(
  fetchImpl: FetchLike,
  url: string,
  body: Body,
  headers: Record<string, string>,
): Promise<HttpAnswer<D>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...headers,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new CampusError(`Cannot reach ${url}`, { code: 'NETWORK_ERROR', cause: error });
  }
  let result: FormattedExecutionResult<D>;
  try {
    result = (await response.json()) as FormattedExecutionResult<D>;
  } catch (error) {
    throw new CampusError(`Not a GraphQL answer (HTTP ${response.status})`, {
      code: 'BAD_RESPONSE',
      status: response.status,
      cause: error,
    });
  }
  if (typeof result !== 'object' || result === null || !('data' in result || 'errors' in result)) {
    throw new CampusError(`Not a GraphQL answer (HTTP ${response.status})`, {
      code: 'BAD_RESPONSE',
      status: response.status,
    });
  }
  return { status: response.status, result };
}

/**
 * Sends one operation with the persisted-documents protocol of `mode`. Returns the answer
 * and the mode to use from now on (a gateway without persisted queries turns them off).
 */
export async function sendOperation<D>(
  fetchImpl: FetchLike,
  url: string,
  operation: OperationInfo,
  variables: unknown,
  headers: Record<string, string>,
  mode: PersistedMode,
): Promise<HttpAnswer<D> & { mode: PersistedMode }> {
  const base: Body = { operationName: operation.name, variables };
  const hash = mode !== 'off' ? operation.sha256Hash : undefined;
  if (!hash)
    return {
      ...(await post<D>(fetchImpl, url, { ...base, query: operation.query }, headers)),
      mode,
    };
  const extensions = { persistedQuery: { version: 1 as const, sha256Hash: hash } };
  if (mode === 'hash-first') {
    const first = await post<D>(fetchImpl, url, { ...base, extensions }, headers);
    if (persistedQueryNotSupported(first.result)) {
      const plain = await post<D>(fetchImpl, url, { ...base, query: operation.query }, headers);
      return { ...plain, mode: 'off' };
    }
    if (!persistedQueryNotFound(first.result)) return { ...first, mode };
  }
  const full = await post<D>(
    fetchImpl,
    url,
    { ...base, query: operation.query, extensions },
    headers,
  );
  if (persistedQueryNotSupported(full.result)) {
    const plain = await post<D>(fetchImpl, url, { ...base, query: operation.query }, headers);
    return { ...plain, mode: 'off' };
  }
  return { ...full, mode };
}
