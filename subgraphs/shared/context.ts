import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { RevocationList } from './auth/revocations';
import type { Viewer } from './auth/viewer';
import type { CampusConfig } from './config';
import type { EventPublisher } from './events/publisher';
import type { Logger } from './logger';
import type { ServiceMetrics } from './observability/metrics';
import type { PubSub } from './pubsub';

/** What a subgraph's services need, in a request or in the seed. */
export interface ServiceContext {
  db: DataSource;
  /** Records domain events in this subgraph's outbox and hands them to the bus. */
  events: EventPublisher;
  revocations: RevocationList;
  /** Notifies this subgraph's subscriptions (publish only what is committed). */
  pubsub: PubSub;
  log: Logger;
  /** This service's Prometheus metrics (its own registry, served at /metrics). */
  metrics: ServiceMetrics;
  config: CampusConfig;
  /**
   * The shared Redis connection when REDIS_URL is set (caches, shared rate limits); absent
   * in the in-process mode of `npm start`. Commands fail fast while Redis is down.
   */
  redis?: Redis;
}

/** What a resolver receives in every subgraph; `L` is the subgraph's own loaders. */
export interface SubgraphContext<L> extends ServiceContext {
  /** The service's logger with the request's `traceId`, on every line the request logs. */
  log: Logger;
  /** The verified viewer, or null when anonymous. */
  viewer: Viewer | null;
  /** Per-request DataLoaders: created fresh for each request, never shared. */
  loaders: L;
  /** The client as the gateway saw it (address and user agent). */
  client: { ip?: string; userAgent?: string };
}
