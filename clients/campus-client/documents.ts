import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';

export type { TypedDocumentNode };

/** The result type of a generated document. */
export type ResultOf<T> = T extends TypedDocumentNode<infer R, never> ? R : never;
/** The variables type of a generated document. */
export type VariablesOf<T> = T extends TypedDocumentNode<unknown, infer V> ? V : never;

/** Variables may be left out when the operation has no required ones. */
export type VariablesArg<V> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends V ? [variables?: V] : [variables: V];

/** What the client preset embeds in each document (see codegen.ts). */
interface PersistedMeta {
  /** The manifest key: `sha256:<hex>`. */
  hash?: string;
  /** The exact text that was hashed (the manifest's value). */
  query?: string;
}

export interface OperationInfo {
  kind: 'query' | 'mutation' | 'subscription';
  name?: string;
  /** The text to send: the manifest's when the document carries it. */
  query: string;
  /** Hex SHA-256 of `query` (Apollo's `persistedQuery.sha256Hash`), when known. */
  sha256Hash?: string;
  /** The response key of the (first) root field. */
  rootField?: string;
  /** The variable the root field's `after` argument takes, for subscription resume. */
  afterVariable?: string;
}

const cache = new WeakMap<DocumentNode, OperationInfo>();

/** Reads once what the client needs to know about a document. */
export function operationInfo(document: DocumentNode): OperationInfo {
  const known = cache.get(document);
  if (known) return known;
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operations[0];
  if (!operation || operations.length > 1) {
    throw new Error('campus-client: a document must hold exactly one operation');
  }
  const meta = (document as DocumentNode & { __meta__?: PersistedMeta }).__meta__;
  const persisted =
    meta?.query && meta.hash?.startsWith('sha256:')
      ? { query: meta.query, sha256Hash: meta.hash.slice('sha256:'.length) }
      : undefined;
  const root = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  const after = root?.arguments?.find((a) => a.name.value === 'after');
  const info: OperationInfo = {
    kind: operation.operation,
    name: operation.name?.value,
    query: persisted?.query ?? print(document),
    sha256Hash: persisted?.sha256Hash,
    rootField: root ? (root.alias ?? root.name).value : undefined,
    afterVariable: after?.value.kind === Kind.VARIABLE ? after.value.name.value : undefined,
  };
  cache.set(document, info);
  return info;
}
