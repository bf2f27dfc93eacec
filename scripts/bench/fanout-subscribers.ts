import { readlinkSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The subscriber side of the chat fan-out (fanout.ts): N graphql-ws clients, one socket
 * each, and when each received which message. It runs in a worker thread of its own by
 * default (fanout-worker.ts), so the thread that sends the messages and timestamps their
 * responses is not held up by N sockets' receive work; or in the caller's thread.
 *
 * One clock for both threads: `clock()` = performance.timeOrigin + performance.now(), epoch
 * milliseconds from the process's monotonic clock (each thread has its own timeOrigin; the
 * sum is the same instant in both). fanout.ts checks that by a ping-pong at start and
 * reports the offset it finds.
 */
export const clock = (): number => performance.timeOrigin + performance.now();

export const FANOUT_SUBSCRIPTION = /* GraphQL */ `
  subscription FanoutMessages($sessionId: ID!) {
    supportMessageAdded(sessionId: $sessionId) {
      id
      body
      sender {
        name
      }
    }
  }
`;

export interface SubscribersSetup {
  /** ws:// URL of the gateway's /graphql. */
  wsUrl: string;
  sessionId: string;
  /** Subscriber i connects with tokens[i % length] (no "Bearer "). */
  tokens: readonly string[];
  count: number;
  /** Sockets opened at once while connecting. */
  connectConcurrency: number;
}

export interface SubscriberStats {
  disconnects: number;
  subscriptionsEnded: number;
  errorEvents: number;
  errorSample?: string;
  /** Event-loop delay of the subscribers' thread while measuring (ms). */
  loopDelay: { p50: number; p99: number; max: number };
  /** "<pid>/task/<tid>" of the subscribers' thread (its CPU: /proc/<that>/stat). */
  thread: string;
}

/** What fanout.ts drives, the same whichever thread the subscribers live in. */
export interface Subscribers {
  /** Opens every socket and subscription (in batches). */
  open(): Promise<void>;
  /** Subscribes again those refused during the warm-up (twice at most each; throws after). */
  retryRefused(): Promise<{ subscriber: number; why: string }[]>;
  /** Subscribers that have received at least one message. */
  live(): Promise<number>;
  /** From now on, closings and errors count as measurement events. */
  startMeasuring(): Promise<void>;
  /**
   * Waits until every id has a receipt from every subscriber or `timeoutMs` passes; returns,
   * per id, each subscriber's receipt time on `clock()` (NaN: not received) and forgets them.
   */
  collect(ids: readonly string[], timeoutMs: number): Promise<Float64Array[]>;
  stats(): Promise<SubscriberStats>;
  close(): Promise<void>;
}

interface Subscriber {
  client: Client;
  stop: () => void;
  received: number;
  retries: number;
  error?: unknown;
}

/** Errors, close events and GraphQL error lists, as a line. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) {
    const { code, reason } = error as { code: unknown; reason?: unknown };
    return `socket closed ${String(code)} ${String(reason ?? '')}`.trim();
  }
  return JSON.stringify(error)?.slice(0, 300) ?? String(error);
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Sampling interval of the event-loop delay monitors (ms). */
export const LOOP_RESOLUTION_MS = 10;

export const loopMonitor = (): IntervalHistogram =>
  monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

/**
 * Event-loop delay (ms) from a monitor: Node's histogram records the time between its
 * timer's runs, resolution included, so the resolution is taken off (an idle loop: 0).
 */
export function loopDelay(histogram: IntervalHistogram): { p50: number; p99: number; max: number } {
  const late = (ns: number) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));
  if (histogram.count === 0) return { p50: 0, p99: 0, max: 0 };
  return {
    p50: late(histogram.percentile(50)),
    p99: late(histogram.percentile(99)),
    max: late(histogram.max),
  };
}

/** The subscribers in the calling thread. */
export class SubscriberPool implements Subscribers {
  private readonly subscribers: Subscriber[] = [];
  private readonly byMessage = new Map<string, Float64Array>();
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private readonly loopDelay = loopMonitor();
  private measuring = false;
  private disconnects = 0;
  private subscriptionsEnded = 0;
  private errorEvents = 0;
  private errorSample?: string;

  constructor(private readonly setup: SubscribersSetup) {}

  private record(subscriber: number, messageId: string, at: number): void {
    let times = this.byMessage.get(messageId);
    if (!times) {
      times = new Float64Array(this.setup.count).fill(Number.NaN);
      this.byMessage.set(messageId, times);
    }
    if (!Number.isNaN(times[subscriber] ?? Number.NaN)) return; // a duplicate: keep the first
    times[subscriber] = at;
    this.counts.set(messageId, (this.counts.get(messageId) ?? 0) + 1);
    if (this.waiters.size > 0) for (const waiter of [...this.waiters]) waiter();
  }

  private connect(index: number, retries = 0): Promise<void> {
    const { tokens, wsUrl, sessionId } = this.setup;
    const token = tokens[index % tokens.length] ?? '';
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const subscriber: Subscriber = { client, stop: () => undefined, received: 0, retries };
    this.subscribers[index] = subscriber;
    const connected = new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('closed', (event) => {
        if (this.measuring) this.disconnects += 1;
        reject(new Error(`subscriber ${index} closed: ${(event as { code?: number }).code}`));
      });
    });
    subscriber.stop = client.subscribe<{ supportMessageAdded: { id: string } }>(
      { query: FANOUT_SUBSCRIPTION, variables: { sessionId } },
      {
        next: (result) => {
          const at = clock();
          const id = result.data?.supportMessageAdded.id;
          if (typeof id === 'string') {
            subscriber.received += 1;
            this.record(index, id, at);
          } else if (result.errors) {
            if (this.measuring) {
              this.errorEvents += 1;
              this.errorSample ??= JSON.stringify(result.errors).slice(0, 300);
            } else {
              subscriber.error = result.errors;
            }
          }
        },
        error: (error) => {
          if (this.measuring) {
            this.subscriptionsEnded += 1;
            this.errorSample ??= describe(error);
          } else {
            subscriber.error = error;
          }
        },
        complete: () => {
          if (this.measuring) this.subscriptionsEnded += 1;
        },
      },
    );
    return connected;
  }

  async open(): Promise<void> {
    // Sockets in batches: a thousand simultaneous upgrades would measure the accept queue.
    const { count, connectConcurrency } = this.setup;
    for (let first = 0; first < count; first += connectConcurrency) {
      const batch = [];
      for (let i = first; i < Math.min(count, first + connectConcurrency); i += 1) {
        batch.push(this.connect(i));
      }
      await Promise.all(batch);
    }
  }

  async retryRefused(): Promise<{ subscriber: number; why: string }[]> {
    // A subscription refused or ended while the rest were still joining (an upstream
    // handshake that timed out under the joining storm, say) is opened again.
    const retried: { subscriber: number; why: string }[] = [];
    for (let i = 0; i < this.setup.count; i += 1) {
      const subscriber = this.subscribers[i];
      if (!subscriber || subscriber.error === undefined) continue;
      const why = describe(subscriber.error);
      if (subscriber.retries >= 2) throw new Error(`subscriber ${i} was refused: ${why}`);
      retried.push({ subscriber: i, why });
      subscriber.stop();
      void subscriber.client.dispose();
      await this.connect(i, subscriber.retries + 1);
    }
    return retried;
  }

  async live(): Promise<number> {
    return this.subscribers.filter((s) => s.received > 0).length;
  }

  async startMeasuring(): Promise<void> {
    this.measuring = true;
    this.loopDelay.enable();
  }

  collect(ids: readonly string[], timeoutMs: number): Promise<Float64Array[]> {
    const done = () => ids.every((id) => (this.counts.get(id) ?? 0) >= this.setup.count);
    const take = () =>
      ids.map((id) => {
        const times = this.byMessage.get(id) ?? new Float64Array(this.setup.count).fill(Number.NaN);
        this.byMessage.delete(id);
        this.counts.delete(id);
        return times;
      });
    if (done()) return Promise.resolve(take());
    return new Promise((resolve) => {
      const check = () => {
        if (done()) finish();
      };
      const timer = setTimeout(() => finish(), timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(take());
      };
      this.waiters.add(check);
    });
  }

  async stats(): Promise<SubscriberStats> {
    let thread = '';
    try {
      thread = readlinkSync('/proc/thread-self');
    } catch {
      // not Linux
    }
    return {
      disconnects: this.disconnects,
      subscriptionsEnded: this.subscriptionsEnded,
      errorEvents: this.errorEvents,
      ...(this.errorSample ? { errorSample: this.errorSample } : {}),
      loopDelay: loopDelay(this.loopDelay),
      thread,
    };
  }

  async close(): Promise<void> {
    this.measuring = false;
    this.loopDelay.disable();
    for (const s of this.subscribers) s?.stop();
    await Promise.all(this.subscribers.map((s) => s?.client.dispose()));
  }
}
