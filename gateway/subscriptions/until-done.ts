/**
 * `source`, calling `onDone` once when its consumer has taken the last value (or left).
 * Not an async generator on purpose: a generator queues `return()` behind a pending
 * `next()`, so a client leaving an idle subscription would never release it.
 */
export function untilDone<T>(
  source: AsyncIterableIterator<T>,
  onDone: () => void,
): AsyncIterableIterator<T> {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    onDone();
  };
  return {
    async next() {
      const result = await source.next();
      if (result.done) finish();
      return result;
    },
    async return(value?: unknown) {
      try {
        return (await source.return?.(value)) ?? { done: true, value: undefined };
      } finally {
        finish();
      }
    },
    async throw(error?: unknown) {
      try {
        if (source.throw) return await source.throw(error);
        throw error;
      } finally {
        finish();
      }
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
