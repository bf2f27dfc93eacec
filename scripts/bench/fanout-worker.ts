import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  clock,
  SubscriberPool,
  type Subscribers,
  type SubscribersSetup,
} from './fanout-subscribers';

/**
 * The fan-out's subscribers in a worker thread: `startSubscriberThread` (caller's side)
 * returns the same Subscribers interface as SubscriberPool, each call a message to the
 * worker, which runs a SubscriberPool. The worker loads this file through tsx's CommonJS
 * hook, so it works under tsx (npm run bench) and under jest alike.
 */
type Method = 'open' | 'retryRefused' | 'live' | 'startMeasuring' | 'collect' | 'stats' | 'close';
interface Request {
  id: number;
  method: Method | 'clock';
  args: unknown[];
}
interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export interface SubscriberThread extends Subscribers {
  /**
   * The worker's clock() minus this thread's, measured by ping-pong (the exchange with the
   * shortest round trip of `samples`); `uncertaintyMs` is half that round trip.
   */
  clockOffset(samples?: number): Promise<{ offsetMs: number; uncertaintyMs: number }>;
}

export async function startSubscriberThread(setup: SubscribersSetup): Promise<SubscriberThread> {
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
require(${JSON.stringify(__filename.replace(/\.js$/, '.ts'))});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { fanoutSubscribers: setup } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`fan-out subscriber thread exited (${code})`)));
  const call = <T>(method: Request['method'], ...args: unknown[]): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = (nextId += 1);
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies Request);
    });
  };
  await call('clock'); // loaded and answering
  return {
    open: () => call('open'),
    retryRefused: () => call('retryRefused'),
    live: () => call('live'),
    startMeasuring: () => call('startMeasuring'),
    collect: (ids, timeoutMs) => call('collect', ids, timeoutMs),
    stats: () => call('stats'),
    close: async () => {
      try {
        if (!failure) await call('close');
      } finally {
        await worker.terminate();
      }
    },
    clockOffset: async (samples = 20) => {
      let best = { offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY };
      for (let i = 0; i < samples; i += 1) {
        const before = clock();
        const theirs = await call<number>('clock');
        const after = clock();
        const half = (after - before) / 2;
        if (half < best.uncertaintyMs)
          best = { offsetMs: theirs - (before + half), uncertaintyMs: half };
      }
      return best;
    },
  };
}

/** The worker's side. */
function serve(setup: SubscribersSetup): void {
  const port = parentPort;
  if (!port) return;
  const pool = new SubscriberPool(setup);
  port.on('message', (request: Request) => {
    const run = async (): Promise<unknown> => {
      if (request.method === 'clock') return clock();
      const method = pool[request.method] as (...args: unknown[]) => Promise<unknown>;
      return method.apply(pool, request.args);
    };
    run().then(
      (result) => {
        const transfer = Array.isArray(result)
          ? result.filter((r) => r instanceof Float64Array).map((r) => r.buffer as ArrayBuffer)
          : [];
        port.postMessage({ id: request.id, result } satisfies Reply, transfer);
      },
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies Reply),
    );
  });
}

const data = workerData as { fanoutSubscribers?: SubscribersSetup } | null;
if (!isMainThread && data?.fanoutSubscribers) serve(data.fanoutSubscribers);
