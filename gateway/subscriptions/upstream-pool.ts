import { context, propagation } from '@opentelemetry/api';
import {
  createClient,
  type Client,
  type FormattedExecutionResult,
  type Sink,
  type SubscribePayload,
} from 'graphql-ws';
import WebSocket from 'ws';
import type { Logger } from '../../subgraphs/shared/logger';

interface Connection {
  client: Client;
  subscriptions: number;
  open: boolean;
}

/**
 * The gateway's graphql-ws connections to subgraphs: one socket per subgraph and client
 * token (graphql-ws authenticates per connection), carrying every subscription of that
 * pair; closed as soon as its last subscription ends, so nothing leaks.
 */
export class UpstreamPool {
  private readonly connections = new Map<string, Connection>();

  constructor(
    private readonly gatewaySecret: string,
    private readonly handshakeTimeoutMs: number,
    private readonly log: Logger,
  ) {}

  subscribe(
    url: string,
    authorization: string | undefined,
    payload: { query: string; variables: Record<string, unknown> },
    sink: Sink<FormattedExecutionResult<Record<string, unknown>, unknown>>,
  ): () => void {
    const key = `${url}\u0000${authorization ?? ''}`;
    let connection = this.connections.get(key);
    if (!connection) {
      connection = this.connect(url, authorization);
      this.connections.set(key, connection);
    }
    const current = connection;
    current.subscriptions += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      current.subscriptions -= 1;
      if (current.subscriptions === 0 && this.connections.get(key) === current) {
        this.connections.delete(key);
        void current.client.dispose();
      }
    };
    const traced = withTraceContext(payload);
    const unsubscribe = current.client.subscribe<Record<string, unknown>>(traced, {
      next: (result) => sink.next(result),
      error: (error) => {
        release();
        sink.error(error);
      },
      complete: () => {
        release();
        sink.complete();
      },
    });
    return () => {
      unsubscribe();
      release();
    };
  }

  /** Open sockets and the subscriptions they carry (tests count leaks with it). */
  stats(): { sockets: number; subscriptions: number } {
    let sockets = 0;
    let subscriptions = 0;
    for (const connection of this.connections.values()) {
      if (connection.open) sockets += 1;
      subscriptions += connection.subscriptions;
    }
    return { sockets, subscriptions };
  }

  private connect(url: string, authorization: string | undefined): Connection {
    const handshakeTimeout = this.handshakeTimeoutMs;
    // ws's own deadline for the HTTP upgrade: a subgraph that never answers it would
    // otherwise hold the subscription forever (graphql-ws's ack timeout starts later).
    class WebSocketWithDeadline extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { handshakeTimeout });
      }
    }
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocketWithDeadline,
      lazy: true,
      lazyCloseTimeout: 0,
      // A subgraph that goes away ends its subscriptions; clients resubscribe with `after`.
      retryAttempts: 0,
      keepAlive: 12_000,
      // A subgraph that accepts the socket but never acknowledges it is treated as gone.
      connectionAckWaitTimeout: this.handshakeTimeoutMs,
      connectionParams: { gatewaySecret: this.gatewaySecret, authorization },
    });
    const connection: Connection = { client, subscriptions: 0, open: false };
    client.on('connected', () => (connection.open = true));
    client.on('closed', () => (connection.open = false));
    client.on('error', (error) => this.log.warn({ err: error, url }, 'upstream socket error'));
    return connection;
  }
}

/**
 * The subscribe payload with the active trace context in `extensions` (W3C, through the
 * registered propagator): the subgraph continues the trace for the subscription's setup.
 * Unchanged when nothing is traced.
 */
function withTraceContext(payload: SubscribePayload): SubscribePayload {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return payload;
  return { ...payload, extensions: { ...payload.extensions, traceparent: carrier.traceparent } };
}
