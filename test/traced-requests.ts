import { print, type DocumentNode } from 'graphql';
import { TRACE_ID_RESPONSE_HEADER } from '../subgraphs/shared/observability/trace-context';

export interface TracedAnswer<D> {
  status: number;
  /** The answer's `x-trace-id`. */
  traceId: string | null;
  data?: D | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * POSTs a typed client document (its text, as the client would send it) and keeps the
 * answer's trace id; `extensions` e.g. for a persisted query's hash.
 */
export async function postTraced<D = Record<string, unknown>>(
  url: string,
  document: DocumentNode,
  options: {
    variables?: Record<string, unknown>;
    token?: string;
    headers?: Record<string, string>;
    extensions?: Record<string, unknown>;
  } = {},
): Promise<TracedAnswer<D>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({
      query: print(document),
      variables: options.variables,
      extensions: options.extensions,
    }),
  });
  const body = (await response.json()) as Pick<TracedAnswer<D>, 'data' | 'errors'>;
  return {
    status: response.status,
    traceId: response.headers.get(TRACE_ID_RESPONSE_HEADER),
    ...body,
  };
}
