import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client as WsClient, type ClientOptions as WsOptions } from 'graphql-ws';
import {
  LogInDocument,
  LogOutDocument,
  RefreshTokenDocument,
  type LogInMutation,
} from '../generated/graphql';
import { operationInfo, type TypedDocumentNode, type VariablesArg } from './documents';
import { CampusError, toCampusError } from './errors';
import { sendOperation, type FetchLike, type PersistedMode } from './http';
import {
  accessTokenExpiry,
  isSessionStore,
  memorySessionStore,
  type Session,
  type SessionChange,
  type SessionStore,
} from './session';

/** graphql-ws options the caller may tune (the client owns url, auth and the socket). */
export type SocketOptions = Omit<WsOptions, 'url' | 'connectionParams' | 'webSocketImpl'>;

export interface CampusClientOptions {
  /** The gateway's HTTP endpoint, e.g. `http://localhost:4000/graphql`. */
  url: string;
  /** Its WebSocket endpoint; default: `url` with `http` turned into `ws`. */
  wsUrl?: string;
  /** The signed-in session to start with, or a store that keeps it (default: memory). */
  session?: Session | SessionStore | null;
  /** Called after every change of the session: logIn, refresh, logOut, expiry. */
  onSession?: (change: SessionChange) => void;
  /** Default: the global fetch. */
  fetch?: FetchLike;
  /** A WebSocket class for subscriptions; default: the global WebSocket (browsers). */
  webSocketImpl?: unknown;
  /** Persisted documents over HTTP (see PersistedMode); default `hash-first`. */
  persisted?: PersistedMode;
  /** Extra HTTP headers on every request. */
  headers?: Record<string, string>;
  /** graphql-ws tuning: retries, keep-alive, listeners… */
  socket?: SocketOptions;
  /** Renew the access token before opening a socket when it expires within this many seconds. */
  refreshAheadSeconds?: number;
}

/** A GraphQL answer as it came, typed; `status` is the HTTP status. */
export interface ExecuteResult<R> {
  data?: R | null;
  errors?: readonly GraphQLFormattedError[];
  status: number;
}

export interface SubscriptionSink<R> {
  next(data: R): void;
  /** A GraphQL error of the subscription, or the socket giving up. */
  error?(error: CampusError): void;
  complete?(): void;
}

export interface CampusClient {
  /** Runs a query or mutation; resolves with its typed data, rejects with a CampusError. */
  request<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    ...variables: VariablesArg<V>
  ): Promise<R>;
  /** Like request, but resolves with the whole answer (partial data and errors) instead. */
  execute<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    ...variables: VariablesArg<V>
  ): Promise<ExecuteResult<R>>;
  /**
   * Subscribes over graphql-ws; returns the unsubscribe function. When the root field
   * takes `after: $var`, the client resumes after the last event's `id` on reconnect and
   * drops any event it already delivered.
   */
  subscribe<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    sink: SubscriptionSink<R>,
  ): () => void;
  /** Signs in and keeps the session. */
  logIn(email: string, password: string): Promise<LogInMutation['logIn']>;
  /** Revokes the session at the gateway (best effort) and forgets it. */
  logOut(): Promise<void>;
  /** Renews the tokens now (single-flight); null when there is no usable session. */
  refresh(): Promise<Session | null>;
  readonly session: Session | null;
  setSession(session: Session | null): void;
  /** The graphql-ws client (created on first use), e.g. to listen to its events. */
  socket(): WsClient;
  /** Closes the socket; the client can still make HTTP requests. */
  dispose(): Promise<void>;
}

/** graphql-ws closes with 4403 when a connection's token is refused, expired or revoked. */
const FORBIDDEN_CLOSE_CODE = 4403;
const SEEN_IDS_KEPT = 5_000;

export function createCampusClient(options: CampusClientOptions): CampusClient {
  const store = isSessionStore(options.session)
    ? options.session
    : memorySessionStore(options.session ?? null);
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let persisted: PersistedMode = options.persisted ?? 'hash-first';
  let refreshing: Promise<Session | null> | null = null;
  let ws: WsClient | null = null;
  let socketRefused = false;

  const changeSession = (session: Session | null, reason: SessionChange['reason']) => {
    store.set(session);
    options.onSession?.({ session, reason });
  };

  async function send<R>(
    document: TypedDocumentNode<R, never>,
    variables: unknown,
    token: string | undefined,
  ) {
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    const answer = await sendOperation<R>(
      fetchImpl,
      options.url,
      operationInfo(document),
      variables,
      headers,
      persisted,
    );
    persisted = answer.mode;
    return answer;
  }

  const unauthenticated = (status: number, result: FormattedExecutionResult<unknown>) =>
    (result.errors ?? []).some((e) => e.extensions?.code === 'UNAUTHENTICATED') &&
    (status === 401 || result.data == null);

  async function renew(): Promise<Session | null> {
    const current = store.get();
    if (!current?.refreshToken) return null;
    const used = current.refreshToken;
    const { result } = await send(RefreshTokenDocument, { refreshToken: used }, undefined);
    // Someone else changed the session meanwhile (logOut, logIn): theirs wins.
    if (store.get()?.refreshToken !== used) return store.get();
    const payload = result.data?.refreshToken;
    if (payload) {
      const session: Session = { ...payload };
      changeSession(session, 'refresh');
      return session;
    }
    const refused = (result.errors ?? []).some((e) =>
      ['UNAUTHENTICATED', 'FORBIDDEN'].includes(String(e.extensions?.code)),
    );
    if (refused) {
      // Rotated, revoked or unknown: the session is over.
      changeSession(null, 'expired');
      return null;
    }
    throw CampusError.fromErrors(result.errors ?? []);
  }

  function refresh(): Promise<Session | null> {
    refreshing ??= renew().finally(() => (refreshing = null));
    return refreshing;
  }

  /** After the gateway refused `token`: the session to retry with, if any. */
  async function sessionAfterRefusal(token: string): Promise<Session | null> {
    const current = store.get();
    if (!current) return null;
    // Another request already renewed the tokens: retry with the new access token.
    if (current.accessToken !== token) return current;
    return refresh();
  }

  async function execute<R>(
    document: TypedDocumentNode<R, never>,
    variables: unknown,
    anonymous = false,
  ): Promise<ExecuteResult<R>> {
    if (operationInfo(document).kind === 'subscription') {
      throw new Error('campus-client: use subscribe() for subscriptions');
    }
    const token = anonymous ? undefined : store.get()?.accessToken;
    let { status, result } = await send(document, variables, token);
    if (token && unauthenticated(status, result)) {
      const renewed = await sessionAfterRefusal(token);
      if (renewed) ({ status, result } = await send(document, variables, renewed.accessToken));
    }
    return { data: result.data, errors: result.errors, status };
  }

  async function request<R>(
    document: TypedDocumentNode<R, never>,
    variables: unknown,
    anonymous = false,
  ): Promise<R> {
    const { data, errors, status } = await execute(document, variables, anonymous);
    if (errors?.length || data == null) {
      throw CampusError.fromErrors(errors ?? [], { status, data });
    }
    return data;
  }

  async function socketParams(): Promise<Record<string, string>> {
    let session = store.get();
    const expiry = session ? accessTokenExpiry(session.accessToken) : null;
    const ahead = (options.refreshAheadSeconds ?? 10) * 1000;
    const stale = expiry !== null && expiry - ahead <= Date.now();
    if (session?.refreshToken && (socketRefused || stale)) {
      session = await refresh().catch(() => store.get());
    }
    socketRefused = false;
    return session ? { authorization: `Bearer ${session.accessToken}` } : {};
  }

  function socket(): WsClient {
    if (ws) return ws;
    const webSocketImpl =
      options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
    if (!webSocketImpl) {
      throw new Error('campus-client: no WebSocket here; pass webSocketImpl (e.g. ws in Node)');
    }
    const tuning = options.socket ?? {};
    ws = createClient({
      lazy: true,
      retryAttempts: 10,
      ...tuning,
      url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
      webSocketImpl,
      connectionParams: socketParams,
      on: {
        ...tuning.on,
        closed: (event) => {
          if ((event as { code?: number }).code === FORBIDDEN_CLOSE_CODE) socketRefused = true;
          tuning.on?.closed?.(event);
        },
      },
    });
    return ws;
  }

  /** A new identity: reconnect so open subscriptions run as the new viewer. */
  const reconnect = () => ws?.terminate();

  function subscribe<R>(
    document: TypedDocumentNode<R, never>,
    variables: Record<string, unknown>,
    sink: SubscriptionSink<R>,
  ): () => void {
    const info = operationInfo(document);
    const resumeWith = info.rootField ? info.afterVariable : undefined;
    let lastId: string | undefined;
    const seen = new Set<string>();
    const extensions =
      persisted !== 'off' && info.sha256Hash
        ? { persistedQuery: { version: 1, sha256Hash: info.sha256Hash } }
        : undefined;
    // graphql-ws sends this same payload again on every reconnect: `variables` is read
    // then, so a resumed subscription asks for what came after the last event it saw.
    const payload = {
      query: info.query,
      operationName: info.name,
      extensions,
      get variables(): Record<string, unknown> {
        return resumeWith && lastId ? { ...variables, [resumeWith]: lastId } : variables;
      },
    };
    return socket().subscribe<R>(payload, {
      next(result) {
        if (result.errors?.length) {
          sink.error?.(CampusError.fromErrors(result.errors, { data: result.data }));
          return;
        }
        const data = result.data;
        if (data == null) return;
        if (resumeWith && info.rootField) {
          const event = (data as Record<string, { id?: unknown } | null>)[info.rootField];
          const id = typeof event?.id === 'string' ? event.id : undefined;
          if (id) {
            // A guard: `after` already avoids duplicates across a reconnect.
            if (seen.has(id)) return;
            seen.add(id);
            if (seen.size > SEEN_IDS_KEPT) seen.delete(seen.values().next().value as string);
            lastId = id;
          }
        }
        sink.next(data);
      },
      error: (error) => sink.error?.(toCampusError(error)),
      complete: () => sink.complete?.(),
    });
  }

  const client: CampusClient = {
    execute: (document, ...[variables]) => execute(document, variables),
    request: (document, ...[variables]) => request(document, variables),
    subscribe: (document, variables, sink) => subscribe(document, variables, sink),
    async logIn(email, password) {
      const { logIn } = await request(LogInDocument, { email, password }, true);
      changeSession({ ...logIn }, 'logIn');
      reconnect();
      return logIn;
    },
    async logOut() {
      if (!store.get()) return;
      try {
        await execute(LogOutDocument, {});
      } finally {
        changeSession(null, 'logOut');
        reconnect();
      }
    },
    refresh,
    get session() {
      return store.get();
    },
    setSession(session) {
      changeSession(session, 'set');
      reconnect();
    },
    socket,
    async dispose() {
      const open = ws;
      ws = null;
      await open?.dispose();
    },
  };
  return client;
}
