import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, parse, print } from 'graphql';
import type Redis from 'ioredis';
import type { TrustedDocumentsConfig } from '../subgraphs/shared/config';
import { REPO_ROOT } from '../subgraphs/shared/config';
import type { Prepared } from '../subgraphs/shared/http/graphql-handler';
import type { Logger } from '../subgraphs/shared/logger';
import { recordPersistedDocument } from '../subgraphs/shared/observability/graphql-spans';
import { PARSE_OPTIONS } from './limits';

/**
 * Trusted documents and automatic persisted queries, for both transports (HTTP and
 * graphql-ws): one function, `resolveDocument`, turns what a client sent (a query, a hash
 * in `extensions.persistedQuery`, or both) into the query to run, or a refusal. It runs
 * before anything is parsed; the limits (tokens, depth, cost…) then apply to the document
 * it resolved, as to any other. Apollo Server's own APQ is off (`persistedQueries: false`):
 * this is the only home of the mechanism.
 *
 * - `apq` (the default): a hash from the manifest runs its document; any other client may
 *   register a query with its hash (checked) and send the hash alone afterwards; ad-hoc
 *   queries run as usual.
 * - `enforce`: only the manifest's documents run, by hash or by their text. Anything else
 *   (ad-hoc queries, registrations, introspection) is refused.
 */

export type TrustedDocumentsMode = TrustedDocumentsConfig['mode'];

export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';
export const PERSISTED_QUERY_NOT_ALLOWED = 'PERSISTED_QUERY_NOT_ALLOWED';
export const NOT_TRUSTED_MESSAGE =
  'This gateway runs only trusted documents; this operation is not one of them.';

/** How long Redis keeps a registered query (each instance's own store is an LRU). */
export const APQ_TTL_SECONDS = 24 * 60 * 60;
/** Key of a registered query in Redis: `${APQ_KEY_PREFIX}${sha256 hex}`. */
export const APQ_KEY_PREFIX = 'campus:apq:';
/** Bounds of the in-process store, and of what one registration may hold. */
export const APQ_LIMITS = {
  entries: 2_000,
  characters: 8 * 1024 * 1024,
  documentCharacters: 64 * 1024,
} as const;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What a client sends that this module reads (an HTTP body, a graphql-ws payload). */
export interface DocumentRequest {
  query?: unknown;
  extensions?: unknown;
  /** GraphQL over HTTP's persisted documents (`sha256:<hex>`): the same as a hash. */
  documentId?: unknown;
}

/** Why a request is refused: said to the client as one GraphQL error. */
export interface DocumentRefusal {
  status: number;
  message: string;
  code: string;
  headers?: Record<string, string>;
}

/**
 * The request as Apollo should see it: the query to run and the extensions without
 * `persistedQuery`. `rewritten` is false when nothing changed (the common case of a plain
 * query outside `enforce`), so the caller passes the request on untouched.
 */
export interface ResolvedDocument {
  query: unknown;
  extensions: unknown;
  rewritten: boolean;
  /** The document's hash when the client named it by one (for the request's span). */
  hash?: string;
}

export type Resolution = ResolvedDocument | { refused: DocumentRefusal };

/** Queries registered by automatic persisted queries (never the manifest's). */
export interface ApqStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, query: string): Promise<void>;
}

export interface PersistedDocuments {
  readonly mode: TrustedDocumentsMode;
  /** How many documents the manifest holds (0 without one). */
  readonly manifestSize: number;
  resolveDocument(request: DocumentRequest): Promise<Resolution>;
}

const refusal = (status: number, message: string, code: string): { refused: DocumentRefusal } => ({
  refused: { status, message, code },
});

// Apollo Server answers these with 200 and no caching: Apollo Client and urql's persisted
// exchange then resend the operation with its query.
const NOT_FOUND = {
  refused: {
    status: 200,
    message: 'PersistedQueryNotFound',
    code: PERSISTED_QUERY_NOT_FOUND,
    headers: { 'cache-control': 'private, no-cache, must-revalidate' },
  },
};
const NOT_ALLOWED = refusal(400, NOT_TRUSTED_MESSAGE, PERSISTED_QUERY_NOT_ALLOWED);
const MISMATCH = refusal(400, 'provided sha does not match query', 'BAD_USER_INPUT');
const BAD_HASH = refusal(
  400,
  'The persisted query hash must be the SHA-256 of the document, in hex.',
  'BAD_USER_INPUT',
);
const BAD_VERSION = refusal(400, 'Unsupported persisted query version', 'BAD_USER_INPUT');
const BAD_QUERY = refusal(400, '`query` must be a string.', 'BAD_USER_INPUT');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `sha256:<hex>` (the client preset's form) or bare hex, as lower-case hex. */
const HASH = /^(?:sha256:)?([0-9a-fA-F]{64})$/;
const hexOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? HASH.exec(value)?.[1]?.toLowerCase() : undefined;

/** The same document however it is laid out (whitespace, commas, comments). */
function canonical(text: string): string | undefined {
  try {
    return print(parse(text, PARSE_OPTIONS));
  } catch {
    return undefined;
  }
}

/**
 * The manifest `{ sha256 hash: document }`, checked: each key (bare hex or `sha256:<hex>`)
 * is the SHA-256 of its document exactly as written, and each document parses.
 */
export function loadManifest(file: string): Map<string, string> {
  const where = path.relative(REPO_ROOT, file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the persisted documents manifest ${where}: ${String(error)}`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`The persisted documents manifest ${where} is not JSON.`, { cause: error });
  }
  if (!isObject(json)) {
    throw new Error(`The persisted documents manifest ${where} must be { sha256 hash: document }.`);
  }
  const manifest = new Map<string, string>();
  for (const [key, document] of Object.entries(json)) {
    const hash = hexOf(key);
    if (!hash || typeof document !== 'string') {
      throw new Error(`${where}: "${key}" is not a SHA-256 hash with its document.`);
    }
    if (sha256Hex(document) !== hash) {
      throw new Error(`${where}: "${key}" is not the SHA-256 of its document as written.`);
    }
    try {
      parse(document);
    } catch (error) {
      throw new Error(`${where}: the document of "${key}" does not parse: ${String(error)}`, {
        cause: error,
      });
    }
    manifest.set(hash, document);
  }
  return manifest;
}

/**
 * The manifest the configuration names. `enforce` and a file named by
 * PERSISTED_DOCUMENTS_FILE require a readable, valid, non-empty one (the gateway refuses to
 * start otherwise); the default file is optional in `apq` mode.
 */
function manifestFor(config: TrustedDocumentsConfig, log: Logger): Map<string, string> {
  const required = config.mode === 'enforce' || config.manifestNamed;
  if (!required && !existsSync(config.manifestPath)) {
    log.info(
      { manifest: config.manifestPath },
      'no persisted documents manifest: automatic persisted queries only',
    );
    return new Map();
  }
  try {
    const manifest = loadManifest(config.manifestPath);
    if (config.mode === 'enforce' && manifest.size === 0) {
      throw new Error('The persisted documents manifest holds no documents.');
    }
    return manifest;
  } catch (error) {
    if (!required) {
      log.warn({ err: error }, 'persisted documents manifest ignored');
      return new Map();
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      config.mode === 'enforce'
        ? `TRUSTED_DOCUMENTS=enforce needs the manifest of the clients' operations (npm run codegen, or PERSISTED_DOCUMENTS_FILE). ${message}`
        : message,
      { cause: error },
    );
  }
}

/** An LRU in this process, bounded by entries and by characters held. */
export function memoryApqStore(
  limits: { entries: number; characters: number } = APQ_LIMITS,
): ApqStore {
  const entries = new Map<string, string>();
  let characters = 0;
  const remove = (hash: string) => {
    const query = entries.get(hash);
    if (query === undefined) return;
    entries.delete(hash);
    characters -= query.length;
  };
  return {
    get(hash) {
      const query = entries.get(hash);
      if (query !== undefined) {
        entries.delete(hash);
        entries.set(hash, query);
      }
      return Promise.resolve(query);
    },
    set(hash, query) {
      remove(hash);
      entries.set(hash, query);
      characters += query.length;
      for (const oldest of entries.keys()) {
        if (entries.size <= limits.entries && characters <= limits.characters) break;
        remove(oldest);
      }
      return Promise.resolve();
    },
  };
}

/**
 * Registered queries in Redis with a TTL, shared by every gateway instance. Redis down reads
 * as "not registered" (the client then resends the query) and a failed write only means the
 * next hash-only request does the same: nothing here fails a request.
 */
export function redisApqStore(redis: Redis, log: Logger, ttlSeconds = APQ_TTL_SECONDS): ApqStore {
  let failing = false;
  const attempt = async <R>(what: string, fallback: R, command: () => Promise<R>) => {
    try {
      if (redis.status !== 'ready') throw new Error(`redis is ${redis.status}`);
      const result = await command();
      if (failing) log.info('persisted queries on redis available again');
      failing = false;
      return result;
    } catch (error) {
      if (!failing) log.warn({ err: error, what }, 'persisted queries on redis unavailable');
      failing = true;
      return fallback;
    }
  };
  return {
    get: (hash) =>
      attempt('get', undefined, async () => (await redis.get(APQ_KEY_PREFIX + hash)) ?? undefined),
    set: (hash, query) =>
      attempt('set', undefined, async () => {
        await redis.set(APQ_KEY_PREFIX + hash, query, 'EX', ttlSeconds);
      }),
  };
}

/** The request's hash: `extensions.persistedQuery` (version 1) or `documentId`. */
function requestedHash(
  request: DocumentRequest,
): { hash?: string; rest: unknown } | { refused: DocumentRefusal } {
  const { extensions, documentId } = request;
  let rest: unknown = extensions;
  let given: unknown;
  if (isObject(extensions) && extensions.persistedQuery !== undefined) {
    const { persistedQuery, ...others } = extensions;
    rest = Object.keys(others).length > 0 ? others : undefined;
    if (!isObject(persistedQuery)) return BAD_HASH;
    if (persistedQuery.version !== 1) return BAD_VERSION;
    given = persistedQuery.sha256Hash;
  } else if (documentId !== undefined && documentId !== null) {
    given = documentId;
  } else {
    return { rest };
  }
  const hash = hexOf(given);
  return hash ? { hash, rest } : BAD_HASH;
}

export function persistedDocuments(
  config: TrustedDocumentsConfig,
  log: Logger,
  options: { redis?: Redis; store?: ApqStore } = {},
): PersistedDocuments {
  const manifest = manifestFor(config, log);
  const enforce = config.mode === 'enforce';
  const store =
    options.store ??
    (options.redis ? redisApqStore(options.redis, log) : memoryApqStore(APQ_LIMITS));
  // Enforce also accepts a manifest document laid out differently (same parsed document).
  const byCanonical = new Map<string, string>();
  if (enforce) {
    for (const document of manifest.values()) {
      const key = canonical(document);
      if (key !== undefined) byCanonical.set(key, document);
    }
  }
  log.info(
    { mode: config.mode, documents: manifest.size, store: options.redis ? 'redis' : 'memory' },
    enforce
      ? `trusted documents enforced: ${manifest.size} operations`
      : `persisted documents: ${manifest.size} from the manifest, automatic persisted queries on`,
  );

  /** A query registered by a client not in the manifest, if it is worth keeping. */
  const register = async (hash: string, query: string) => {
    if (query.length > APQ_LIMITS.documentCharacters) return;
    // Only documents that parse (within the token limit); Apollo reports the others.
    if (canonical(query) === undefined) return;
    await store.set(hash, query);
  };

  const trustedText = (query: string): boolean => {
    if (manifest.has(sha256Hex(query))) return true;
    const key = canonical(query);
    return key !== undefined && byCanonical.has(key);
  };

  return {
    mode: config.mode,
    manifestSize: manifest.size,
    async resolveDocument(request) {
      const requested = requestedHash(request);
      if ('refused' in requested) return requested;
      const { hash, rest } = requested;
      const { query } = request;
      if (hash === undefined) {
        // No hash: a plain query, untouched outside enforce. Anything not a non-empty string
        // is left for Apollo to refuse (it runs nothing without a query).
        if (!enforce || typeof query !== 'string' || query === '') {
          return { query, extensions: rest, rewritten: false };
        }
        return trustedText(query) ? { query, extensions: rest, rewritten: false } : NOT_ALLOWED;
      }
      // graphql-ws requires `query` to be a string: hash-only clients send ''.
      if (query === undefined || query === null || query === '') {
        const document = manifest.get(hash) ?? (enforce ? undefined : await store.get(hash));
        return document === undefined
          ? NOT_FOUND
          : { query: document, extensions: rest, rewritten: true, hash };
      }
      if (typeof query !== 'string') return BAD_QUERY;
      if (sha256Hex(query) !== hash) return MISMATCH;
      if (!manifest.has(hash)) {
        if (enforce) return NOT_ALLOWED;
        await register(hash, query);
      }
      return { query, extensions: rest, rewritten: true, hash };
    },
  };
}

/** A refusal as the GraphQL error graphql-ws sends (shaped like every other error). */
export const documentError = (refused: DocumentRefusal): GraphQLError =>
  new GraphQLError(refused.message, { extensions: { code: refused.code } });

/**
 * The HTTP side (graphqlHandler's `prepare`): a JSON body (each operation of a batch), or a
 * GET's query string, with the hash replaced by the document to run.
 */
export function prepareHttpRequest(
  documents: PersistedDocuments,
): (body: unknown, search: string) => Promise<Prepared> {
  const toHttp = ({ refused }: { refused: DocumentRefusal }): Prepared => ({
    refused: {
      status: refused.status,
      message: refused.message,
      extensions: { code: refused.code },
      headers: refused.headers,
    },
  });
  const rewriteBody = async (
    body: Record<string, unknown>,
  ): Promise<{ operation: Record<string, unknown> } | { refused: DocumentRefusal }> => {
    const resolved = await documents.resolveDocument(body);
    if ('refused' in resolved) return resolved;
    if (resolved.hash) recordPersistedDocument(resolved.hash);
    if (!resolved.rewritten) return { operation: body };
    const operation: Record<string, unknown> = { ...body, query: resolved.query };
    delete operation.documentId;
    if (resolved.extensions === undefined) delete operation.extensions;
    else operation.extensions = resolved.extensions;
    return { operation };
  };

  return async (body, search) => {
    if (isObject(body)) {
      const rewritten = await rewriteBody(body);
      return 'refused' in rewritten ? toHttp(rewritten) : { body: rewritten.operation, search };
    }
    if (Array.isArray(body)) {
      // A batch (which Apollo refuses unless batching is turned on): every operation.
      const operations: unknown[] = [];
      for (const operation of body as unknown[]) {
        if (!isObject(operation)) {
          operations.push(operation);
          continue;
        }
        const rewritten = await rewriteBody(operation);
        if ('refused' in rewritten) return toHttp(rewritten);
        operations.push(rewritten.operation);
      }
      return { body: operations, search };
    }
    if (body !== undefined) return { body, search };
    // GET: the operation is in the query string (its `extensions` as JSON).
    const params = new URLSearchParams(search);
    const query = params.get('query') ?? undefined;
    const documentId = params.get('documentId') ?? undefined;
    let extensions: unknown;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null') ?? undefined;
    } catch {
      extensions = undefined; // Apollo Server answers malformed JSON itself
    }
    const resolved = await documents.resolveDocument({ query, extensions, documentId });
    if ('refused' in resolved) return toHttp(resolved);
    if (resolved.hash) recordPersistedDocument(resolved.hash);
    if (!resolved.rewritten) return { body, search };
    params.delete('documentId');
    params.delete('extensions');
    params.set('query', String(resolved.query));
    if (resolved.extensions !== undefined) {
      params.set('extensions', JSON.stringify(resolved.extensions));
    }
    return { body, search: `?${params.toString()}` };
  };
}
