/**
 * One subscriber's events, as the async iterator graphql-ws reads: pushed values wait in
 * an array until taken. Lighter than a Repeater per subscriber (a chat with a thousand
 * subscribers pushes a thousand times per message), and `return()` settles a pending
 * `next()`, so a client leaving an idle subscription releases it at once.
 */
export class ListenerQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  push(value: T): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
    } else this.buffered.push(value);
  }

  /** No more values: the buffered ones are still delivered, then the iterator is done. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.waiting && this.buffered.length === 0) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting({ value: undefined, done: true });
    }
    this.onClose();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffered.length > 0) {
      return Promise.resolve({ value: this.buffered.shift() as T, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffered.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
