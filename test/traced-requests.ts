import { print, type DocumentNode } from 'graphql';
import { postGraphQL, type GraphQLResponse } from '../scripts/in-process-supergraph';

export interface TracedAnswer<D> extends GraphQLResponse<D> {
  status: number;
  /** The answer's `x-trace-id`. */
  traceId: string | null;
}

/**
 * POSTs a typed client document (its text, as the client would send it) and keeps the
 * answer's trace id; `extensions` e.g. for a persisted query's hash.
 */
export async function postTraced<D = Record<string, unknown>>(
  url: string,
  document: DocumentNode,
  options: Parameters<typeof postGraphQL>[2] = {},
): Promise<TracedAnswer<D>> {
  const { status, traceId, body } = await postGraphQL<D>(url, print(document), options);
  return { status, traceId, ...body };
}
