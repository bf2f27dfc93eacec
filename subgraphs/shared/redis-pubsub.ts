import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import type { Logger } from './logger';
import type { PubSub } from './pubsub';

/** Redis channel of a PubSub topic. */
export const PUBSUB_CHANNEL_PREFIX = 'campus:pubsub:';
export const pubsubChannel = (topic: string): string => `${PUBSUB_CHANNEL_PREFIX}${topic}`;

/**
 * How a subscription learns that its live updates stopped (the Redis connection was lost):
 * notifications published meanwhile are gone, so the stream ends with this error and the
 * client resubscribes, with `after` where the field has it, to read what it missed.
 * graphql-ws keeps the extensions (it wraps it as `originalError`), and the gateway passes
 * `code` and `reason` on, as it does for its own interruptions.
 */
export const subscriptionInterrupted = (): GraphQLError =>
  new GraphQLError(
    'Live updates were interrupted. Subscribe again (with `after` where the field has it) to resume.',
    { extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'SUBSCRIPTION_INTERRUPTED' } },
  );

interface Listener {
  deliver(payload: unknown): void;
  fail(error: Error): void;
}

export interface RedisPubSubOptions {
  /** Commands (PUBLISH): the shared connection (`ctx.redis`) will do. */
  publisher: Redis;
  /**
   * A connection of this PubSub's own: it enters subscriber mode. Its automatic
   * resubscription after a reconnect is turned off, since the subscriptions it held have
   * all been ended by then (see `onConnectionLost`).
   */
  subscriber: Redis;
  log: Logger;
}

/**
 * PubSub across processes: publish is a PUBLISH on `campus:pubsub:<topic>`; the subscribers
 * of a process share one subscriber connection, SUBSCRIBEd to a topic while it has
 * listeners (UNSUBSCRIBE when the last one leaves), each subscriber a Repeater as in
 * InProcessPubSub. Payloads travel as JSON.
 *
 * Redis delivers at most once and forgets what a disconnected subscriber missed, so when
 * the subscriber connection is lost every open iterator ends with `subscriptionInterrupted`
 * (and a subscription started while it is down ends with it at once). Subscriptions
 * re-read PostgreSQL after `after`, so resubscribing loses nothing. Publishing while Redis
 * is down rejects; publishers log that (the change is already committed).
 */
export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly log: Logger;
  /** Channel → its listeners in this process. */
  private readonly channels = new Map<string, Set<Listener>>();
  private listeners = 0;

  constructor(options: RedisPubSubOptions) {
    this.publisher = options.publisher;
    this.subscriber = options.subscriber;
    this.log = options.log;
    this.subscriber.options.autoResubscribe = false;
    this.subscriber.on('message', (channel: string, message: string) =>
      this.dispatch(channel, message),
    );
    this.subscriber.on('close', () => this.onConnectionLost());
  }

  async publish<T>(topic: string, payload: T): Promise<void> {
    await this.publisher.publish(pubsubChannel(topic), JSON.stringify(payload));
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    const channel = pubsubChannel(topic);
    return new Repeater<T>(async (push, stop) => {
      if (this.subscriber.status !== 'ready') {
        stop(subscriptionInterrupted());
        return;
      }
      const listener: Listener = {
        deliver: (payload) => void push(payload as T),
        fail: (error) => stop(error),
      };
      let listeners = this.channels.get(channel);
      const first = !listeners;
      if (!listeners) {
        listeners = new Set();
        this.channels.set(channel, listeners);
      }
      listeners.add(listener);
      this.listeners += 1;
      if (first) {
        this.subscriber.subscribe(channel).catch((error: unknown) => {
          this.log.warn({ err: error, channel }, 'redis subscribe failed');
          this.failChannel(channel);
        });
      }
      await stop;
      this.remove(channel, listener);
    });
  }

  listenerCount(): number {
    return this.listeners;
  }

  private remove(channel: string, listener: Listener): void {
    const listeners = this.channels.get(channel);
    if (!listeners?.delete(listener)) return;
    this.listeners -= 1;
    if (listeners.size > 0) return;
    this.channels.delete(channel);
    // Nothing to undo on a lost connection: it subscribes to nothing once it is back.
    if (this.subscriber.status === 'ready') {
      this.subscriber.unsubscribe(channel).catch((error: unknown) => {
        this.log.warn({ err: error, channel }, 'redis unsubscribe failed');
      });
    }
  }

  private dispatch(channel: string, message: string): void {
    const listeners = this.channels.get(channel);
    if (!listeners) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message);
    } catch (error) {
      this.log.warn({ err: error, channel }, 'unreadable pubsub message dropped');
      return;
    }
    for (const listener of listeners) listener.deliver(payload);
  }

  /** Every listener of `channel` ends with the interruption error. */
  private failChannel(channel: string): void {
    for (const listener of [...(this.channels.get(channel) ?? [])]) {
      listener.fail(subscriptionInterrupted());
    }
  }

  private onConnectionLost(): void {
    if (this.channels.size === 0) return;
    this.log.warn(
      { channels: this.channels.size, listeners: this.listeners },
      'redis pubsub connection lost: open subscriptions end',
    );
    for (const channel of [...this.channels.keys()]) this.failChannel(channel);
  }
}
