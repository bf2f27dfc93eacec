/**
 * `generator`, except that return() and throw() first end `source`, the iterator it is
 * reading. An async generator's own return() waits until the generator reaches a `yield`;
 * one waiting on `source` for a notification that may never come would keep waiting, and
 * its `finally` (which detaches the listener) would not run although the client has gone.
 * Ending the source first makes that pending wait finish at once.
 */
export function endWithSource<T>(
  generator: AsyncGenerator<T, void, undefined>,
  source: AsyncIterator<unknown>,
): AsyncGenerator<T, void, undefined> {
  const endSource = async () => {
    await source.return?.();
  };
  const wrapped: AsyncGenerator<T, void, undefined> = {
    next: () => generator.next(),
    return: async (value) => {
      await endSource();
      return generator.return(value);
    },
    throw: async (error: unknown) => {
      await endSource();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]: () => wrapped,
  };
  return wrapped;
}
