import type { Client as WsClient } from 'graphql-ws';
import { Client } from 'urql';
import {
  createCampusClient,
  storageSessionStore,
  type CampusClient,
  type SubscriptionSink,
  type TypedDocumentNode,
} from '../../campus-client';
import type { WebConfig } from './config';
import { campusExchange } from './exchange';

export interface Viewer {
  id: string;
  email: string;
  role: string;
  name: string;
}

/** Per tab (sessionStorage): a student and an admin can sit side by side in one browser. */
const STORAGE_KEY = 'campus.session';

export type LinkState = 'connecting' | 'connected' | 'reconnecting';

/**
 * The signed-in person and everything that talks to the gateway for them, on
 * campus-client (clients/campus-client): typed documents sent as trusted documents
 * (persisted hashes), the access token renewed with the refresh token when the gateway
 * says UNAUTHENTICATED or before a socket opens, graphql-ws subscriptions that resume with
 * `after`. The socket reconnects forever (the gateway closes it with 4403 when the token
 * expires; the next connection presents a renewed one). When the refresh token stops
 * working the person is signed out with "session expired".
 */
export class CampusSession {
  readonly campus: CampusClient;
  readonly client: Client;
  private listeners = new Set<() => void>();
  private linkListeners = new Set<(state: LinkState) => void>();
  private everConnected = false;
  private viewerSnapshot: Viewer | null;
  linkState: LinkState = 'connecting';
  /** Why the person was signed out, if not by their own choice. */
  notice: string | null = null;

  constructor(readonly config: WebConfig) {
    this.campus = createCampusClient({
      url: config.gatewayUrl,
      session: storageSessionStore(window.sessionStorage, STORAGE_KEY),
      onSession: ({ session, reason }) => {
        if (reason === 'expired') this.notice = 'Your session has expired. Please sign in again.';
        if (reason === 'logIn') this.notice = null;
        this.viewerSnapshot = session?.user ?? null;
        for (const listener of this.listeners) listener();
      },
      socket: {
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: () => true,
        retryWait: async (retries) => {
          await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 5_000)));
        },
        on: {
          connected: () => {
            this.everConnected = true;
            this.setLink('connected');
          },
          closed: () => this.setLink(this.everConnected ? 'reconnecting' : 'connecting'),
        },
      },
    });
    this.viewerSnapshot = this.campus.session?.user ?? null;
    this.client = new Client({
      url: config.gatewayUrl,
      requestPolicy: 'network-only',
      exchanges: [
        campusExchange((document, variables) =>
          this.campus.execute(
            document as TypedDocumentNode<unknown, Record<string, unknown>>,
            variables as Record<string, unknown>,
          ),
        ),
      ],
    });
  }

  /** Who is signed in (a stable object between changes, for useSyncExternalStore). */
  get viewer(): Viewer | null {
    return this.viewerSnapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onLink(listener: (state: LinkState) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  /** Rejects with campus-client's CampusError (code, retryAfterSeconds…). */
  async logIn(email: string, password: string): Promise<void> {
    await this.campus.logIn(email, password);
  }

  async logOut(): Promise<void> {
    await this.campus.logOut().catch(() => undefined);
  }

  /** Subscribes over graphql-ws; `after` is resumed by campus-client on reconnects. */
  subscribeLive<D, V extends Record<string, unknown>>(
    document: TypedDocumentNode<D, V>,
    variables: V,
    sink: SubscriptionSink<D>,
  ): () => void {
    return this.campus.subscribe(document, variables, sink);
  }

  socket(): WsClient {
    return this.campus.socket();
  }

  private setLink(state: LinkState): void {
    this.linkState = state;
    for (const listener of this.linkListeners) listener(state);
  }
}
