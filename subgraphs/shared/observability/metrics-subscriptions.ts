import type { ServiceMetrics } from './metrics';

/** What the gateway's graphql-ws server counts (gateway/subscriptions/server.ts). */
export interface SubscriptionCounts {
  clientSockets: number;
  clientSubscriptions: number;
  sharedSubscriptions: number;
  upstreamSockets: number;
  upstreamSubscriptions: number;
}

/**
 * The gateway's live subscriptions, read at scrape: `campus_ws_sockets{side}` (client
 * sockets, upstream sockets to subgraphs) and `campus_subscriptions{kind}` (client: one per
 * client subscription; shared: what they share; upstream: run on subgraphs).
 */
export function observeSubscriptions(
  metrics: ServiceMetrics,
  counts: () => SubscriptionCounts,
): void {
  metrics.gaugeAtScrape(
    {
      name: 'campus_ws_sockets',
      help: 'Open graphql-ws sockets: from clients, and upstream to subgraphs.',
      labelNames: ['side'],
    },
    () => {
      const now = counts();
      return [
        [{ side: 'client' }, now.clientSockets],
        [{ side: 'upstream' }, now.upstreamSockets],
      ];
    },
  );
  metrics.gaugeAtScrape(
    {
      name: 'campus_subscriptions',
      help: 'Open subscriptions: client, shared (one per group of alike clients), upstream.',
      labelNames: ['kind'],
    },
    () => {
      const now = counts();
      return [
        [{ kind: 'client' }, now.clientSubscriptions],
        [{ kind: 'shared' }, now.sharedSubscriptions],
        [{ kind: 'upstream' }, now.upstreamSubscriptions],
      ];
    },
  );
}
