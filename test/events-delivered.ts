import { CONSUMER_GROUPS, EVENT_PRODUCERS } from '../subgraphs/shared/events/catalog';
import { Outbox } from '../subgraphs/shared/events/outbox';
import type { RunnableSubgraph } from '../subgraphs/shared/server';
import { eventually } from './helpers';

/**
 * Resolves once every consumer group among `services` has been delivered everything its
 * producers among `services` have written (its saved cursor is at the end of the outbox).
 */
export async function untilEventsDelivered(services: readonly RunnableSubgraph[]) {
  for (const spec of CONSUMER_GROUPS) {
    if (!services.some((s) => s.name === spec.subgraph)) continue;
    const producers = new Set(spec.types.map((type) => EVENT_PRODUCERS[type]));
    for (const producer of producers) {
      const service = services.find((s) => s.name === producer);
      if (!service) continue;
      const outbox = new Outbox(producer, service.dataSource);
      await eventually(async () => {
        const cursor = await outbox.loadCursor(spec.group);
        const next = await outbox.readAfter(cursor, spec.types, 1);
        return next.length === 0 ? true : null;
      }, 30_000);
    }
  }
}
