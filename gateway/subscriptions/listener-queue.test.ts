import { ListenerQueue } from './listener-queue';

/** Pure logic: the queue graphql-ws reads one subscriber's events from. */
describe('ListenerQueue', () => {
  it('hands values over in order, to a waiting next() or from the buffer', async () => {
    const queue = new ListenerQueue<number>(() => undefined);
    const pending = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await pending).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: 3, done: false });
  });

  it('delivers what is buffered after end(), then is done, and closes once', async () => {
    const onClose = jest.fn();
    const queue = new ListenerQueue<number>(onClose);
    queue.push(1);
    queue.end();
    queue.end();
    queue.push(2);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('return() settles a pending next() at once', async () => {
    const onClose = jest.fn();
    const queue = new ListenerQueue<number>(onClose);
    const pending = queue.next();
    await queue.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('past the limit, drops what waits for the overflow value and ends', async () => {
    const onClose = jest.fn();
    const queue = new ListenerQueue<string>(onClose, { limit: 3, last: () => 'too slow' });
    for (const v of ['a', 'b', 'c']) queue.push(v);
    expect(onClose).not.toHaveBeenCalled();
    queue.push('d'); // the fourth while three wait
    queue.push('e'); // ignored: the queue has ended
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(await queue.next()).toEqual({ value: 'too slow', done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('a reader that keeps up never reaches the limit', async () => {
    const queue = new ListenerQueue<number>(() => undefined, { limit: 2, last: () => -1 });
    for (let i = 0; i < 100; i += 1) {
      const next = queue.next();
      queue.push(i);
      expect(await next).toEqual({ value: i, done: false });
    }
  });
});
