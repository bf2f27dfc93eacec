import { context, type Context } from '@opentelemetry/api';

/** One operation for a subgraph, as GraphQL over HTTP carries it. */
export interface SubgraphOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

interface Waiting<R> {
  operation: SubgraphOperation;
  /** The trace context it was fetched in (setImmediate below runs in the first one's). */
  parent: Context;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Sends the operations a query plan issues to one subgraph for one client request, in the
 * same turn of the event loop (the fetches of a plan's parallel branches), as one HTTP
 * request: a batch, which Apollo Server runs with one context, so the subgraph verifies
 * the token once and its DataLoaders serve all of them. Hive Gateway merges such fetches
 * the same way (batched execution); @apollo/gateway sends each on its own.
 *
 * `send` gets the operations of one turn and answers with one result each, in order;
 * `parents` are the trace contexts (the `gateway.fetch` spans) they were fetched in.
 */
export class FetchBatcher<K extends object, R> {
  private readonly pending = new WeakMap<K, Waiting<R>[]>();

  constructor(
    private readonly send: (
      operations: SubgraphOperation[],
      key: K,
      parents: Context[],
    ) => Promise<R[]>,
  ) {}

  enqueue(key: K, operation: SubgraphOperation): Promise<R> {
    const parent = context.active();
    return new Promise<R>((resolve, reject) => {
      const queue = this.pending.get(key);
      if (queue) return void queue.push({ operation, parent, resolve, reject });
      const first: Waiting<R>[] = [{ operation, parent, resolve, reject }];
      this.pending.set(key, first);
      // setImmediate runs after every fetch the plan starts in this turn has been queued.
      setImmediate(() => {
        this.pending.delete(key);
        this.flush(key, first);
      });
    });
  }

  private flush(key: K, waiting: Waiting<R>[]): void {
    this.send(
      waiting.map((w) => w.operation),
      key,
      waiting.map((w) => w.parent),
    ).then(
      (results) => {
        waiting.forEach((w, i) => {
          const result = results[i];
          if (result === undefined) w.reject(new Error('The batch answer is missing a result.'));
          else w.resolve(result);
        });
      },
      (error: unknown) => waiting.forEach((w) => w.reject(error)),
    );
  }
}
