import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { makeErrorResult, makeResult, type Exchange, type Operation } from 'urql';
import { filter, fromPromise, merge, mergeMap, pipe, share, takeUntil } from 'wonka';
import * as generated from '../../generated/graphql';

/** The generated documents by operation name: urql hands exchanges a reformatted copy. */
const DOCUMENTS = new Map<string, DocumentNode>();
for (const value of Object.values(generated)) {
  const doc = value as Partial<DocumentNode> | undefined;
  if (doc && typeof doc === 'object' && doc.kind === Kind.DOCUMENT) {
    const name = operationName(doc as DocumentNode);
    if (name) DOCUMENTS.set(name, doc as DocumentNode);
  }
}

function operationName(document: DocumentNode): string | undefined {
  const op = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return op?.name?.value;
}

/** The generated document (with its persisted hash) behind urql's copy of it. */
export function originalDocument(document: DocumentNode): DocumentNode {
  const name = operationName(document);
  return (name && DOCUMENTS.get(name)) || document;
}

export type Execute = (
  document: DocumentNode,
  variables: unknown,
) => Promise<{ data?: unknown; errors?: readonly unknown[] }>;

/**
 * urql's transport for queries and mutations: hands each operation's generated document to
 * `execute` (campus-client), which sends it as a trusted document with the access token.
 */
export const campusExchange =
  (execute: Execute): Exchange =>
  ({ forward }) =>
  (ops$) => {
    const shared = pipe(ops$, share);
    const handled = pipe(
      shared,
      filter((op) => op.kind === 'query' || op.kind === 'mutation'),
      mergeMap((op: Operation) => {
        const teardown$ = pipe(
          shared,
          filter((o) => o.kind === 'teardown' && o.key === op.key),
        );
        return pipe(
          fromPromise(
            execute(originalDocument(op.query), op.variables ?? {}).then(
              (body) => makeResult(op, body as Parameters<typeof makeResult>[1]),
              (error: unknown) =>
                makeErrorResult(op, error instanceof Error ? error : new Error(String(error))),
            ),
          ),
          takeUntil(teardown$),
        );
      }),
    );
    const rest = pipe(
      shared,
      filter((op) => op.kind !== 'query' && op.kind !== 'mutation'),
      forward,
    );
    return merge([handled, rest]);
  };
