import { endWithSource } from '../../shared/end-with-source';
import type { PubSub } from '../../shared/pubsub';

/**
 * A topic's notifications as wake-ups: the keys (session ids) notified since the
 * subscriber last looked, in one batch. Notifications that arrive while the subscriber is
 * busy (reading PostgreSQL, or its client slow) collapse into the next batch, so a slow
 * subscriber holds one pending batch rather than a queue that grows with every message;
 * it re-reads everything new on each wake-up anyway.
 *
 * The topic listener is attached when this is made (the PubSub's iterator starts lazily,
 * on its first next(), so the pump below calls it at once); return() removes it.
 */
export class WakeUps<N> implements AsyncIterableIterator<string[]> {
  private pending = new Set<string>();
  private waiting:
    | ((
        result: IteratorResult<string[], undefined> | Promise<IteratorResult<string[], undefined>>,
      ) => void)
    | null = null;
  private ended = false;
  /** Why the topic broke (its Redis connection was lost): the next next() rejects with it. */
  private failure: { error: unknown } | null = null;
  private readonly pumped: Promise<void>;

  constructor(
    private readonly notifications: AsyncIterator<N>,
    keyOf: (notification: N) => string,
  ) {
    this.pumped = this.pump(keyOf);
  }

  static of<N>(pubsub: PubSub, topic: string, keyOf: (notification: N) => string): WakeUps<N> {
    return new WakeUps(pubsub.subscribe<N>(topic), keyOf);
  }

  private async pump(keyOf: (notification: N) => string): Promise<void> {
    try {
      for (;;) {
        const result = await this.notifications.next();
        if (result.done) break;
        this.pending.add(keyOf(result.value));
        this.settle();
      }
    } catch (error) {
      // A broken topic ends the stream with its error (SUBSCRIPTION_INTERRUPTED), so the
      // client is told to resubscribe (with `after`) rather than seeing a silent end.
      if (!this.ended) this.failure = { error };
    } finally {
      this.ended = true;
      this.settle();
    }
  }

  /** Hands the pending batch (or the end) to a waiting next(). */
  private settle(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    if (this.pending.size > 0) {
      this.waiting = null;
      waiting({ value: this.takeBatch(), done: false });
    } else if (this.failure) {
      this.waiting = null;
      waiting(this.rejection());
    } else if (this.ended) {
      this.waiting = null;
      waiting({ value: undefined, done: true });
    }
  }

  /** The failure, once: the stream then ends as usual. */
  private rejection(): Promise<never> {
    const { error } = this.failure ?? { error: undefined };
    this.failure = null;
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  private takeBatch(): string[] {
    const batch = [...this.pending];
    this.pending = new Set();
    return batch;
  }

  /** The next batch; one caller at a time (a subscription reads its stream in order). */
  next(): Promise<IteratorResult<string[], undefined>> {
    if (this.pending.size > 0) return Promise.resolve({ value: this.takeBatch(), done: false });
    if (this.failure) return this.rejection();
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Removes the topic listener and ends a waiting next(). */
  async return(): Promise<IteratorResult<string[], undefined>> {
    this.ended = true;
    this.failure = null;
    this.pending.clear();
    await this.notifications.return?.();
    this.settle();
    await this.pumped;
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * The stream a subscription returns: `produce` run as an async generator over the
 * wake-ups, releasing them in `finally`. Its return() (the client went away) releases the
 * wake-ups first: an async generator waiting for its next wake-up would otherwise only
 * handle return() after that wake-up came, keeping the departed client's listener.
 */
export function streamOnWakeUps<T, N>(
  wakeUps: WakeUps<N>,
  produce: (wakeUps: WakeUps<N>) => AsyncGenerator<T, void, undefined>,
): AsyncGenerator<T, void, undefined> {
  async function* guarded(): AsyncGenerator<T, void, undefined> {
    try {
      yield* produce(wakeUps);
    } finally {
      await wakeUps.return();
    }
  }
  return endWithSource(guarded(), wakeUps);
}
