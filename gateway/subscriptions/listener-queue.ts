/** A subscriber whose socket takes events slower than they come gets this, then the end. */
export interface Overflow<T> {
  /** Events waiting for one subscriber at most. */
  limit: number;
  /** The last value it receives instead of what it could not take. */
  last: () => T;
}

/**
 * One subscriber's events, as the async iterator graphql-ws reads: pushed values wait in
 * an array until taken. Lighter than a Repeater per subscriber (a chat with a thousand
 * subscribers pushes a thousand times per message), and `return()` settles a pending
 * `next()`, so a client leaving an idle subscription releases it at once.
 *
 * graphql-ws takes the next value only once the socket has written the previous one, so a
 * client that stops reading would make its queue grow without end: past `overflow.limit`
 * the queue is dropped for `overflow.last()` and ends (the client resumes with `after`).
 */
export class ListenerQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffered: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly overflow?: Overflow<T>,
  ) {}

  push(value: T): void {
    if (this.closed) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
    } else if (this.overflow && this.buffered.length >= this.overflow.limit) {
      this.buffered.length = 0;
      this.buffered.push(this.overflow.last());
      this.end();
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
