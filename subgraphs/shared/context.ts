import type { DataSource } from 'typeorm';
import type { Viewer } from './auth/viewer';
import type { CampusConfig } from './config';
import type { Logger } from './logger';

/** What a resolver receives in every subgraph; `L` is the subgraph's own loaders. */
export interface SubgraphContext<L> {
  /** The verified viewer, or null when anonymous. */
  viewer: Viewer | null;
  /** Per-request DataLoaders: created fresh for each request, never shared. */
  loaders: L;
  db: DataSource;
  log: Logger;
  config: CampusConfig;
  client: { ip?: string; userAgent?: string };
}
