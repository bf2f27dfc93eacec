import { EventEmitter } from 'node:events';
import { Repeater } from '@repeaterjs/repeater';

/**
 * Where a subgraph announces what its subscriptions wait for (a new message, a changed
 * booking). Behind an interface: in-process now, Redis when services run apart.
 * Publishers publish only what is already committed to PostgreSQL, so a subscriber that
 * re-reads on a notification never sees something that could still be rolled back.
 */
export interface PubSub {
  publish<T>(topic: string, payload: T): Promise<void>;
  /** Events of `topic` from now on; `return()` (client gone) removes the listener. */
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  /** Listeners now attached (leak tests count them). */
  listenerCount(): number;
}

/** PubSub of one process: an EventEmitter per topic, each subscriber a Repeater. */
export class InProcessPubSub implements PubSub {
  private readonly emitter = new EventEmitter();
  private listeners = 0;

  constructor() {
    // Hundreds of subscribers of one chat session are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish<T>(topic: string, payload: T): Promise<void> {
    this.emitter.emit(topic, payload);
    return Promise.resolve();
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    return new Repeater<T>(async (push, stop) => {
      const listener = (payload: T) => void push(payload);
      this.emitter.on(topic, listener);
      this.listeners += 1;
      await stop;
      this.emitter.off(topic, listener);
      this.listeners -= 1;
    });
  }

  listenerCount(): number {
    return this.listeners;
  }
}

let processPubSubInstance: PubSub | undefined;

/** The PubSub every service of this process shares. */
export function processPubSub(): PubSub {
  processPubSubInstance ??= new InProcessPubSub();
  return processPubSubInstance;
}
