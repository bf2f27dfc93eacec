import type { DataSource, EntityManager } from 'typeorm';
import { TOPOLOGY, type SubgraphName } from '../topology';
import type { DomainEvent } from './catalog';
import { noteApplyOutcome } from './traced-consumer';

/**
 * Applies an event at most once for a group: the event id goes into the consumer's
 * processed_events table in the same transaction as the change, so a redelivered event
 * (or one delivered twice at once) finds its id taken and changes nothing.
 * Returns whether this call applied it.
 */
export async function applyOnce(
  db: DataSource,
  subgraph: SubgraphName,
  group: string,
  event: Pick<DomainEvent, 'id'>,
  apply: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  const { schema } = TOPOLOGY[subgraph];
  const applied = await db.transaction(async (manager) => {
    const claimed = (await manager.query(
      `INSERT INTO "${schema}"."processed_events" ("consumer_group", "event_id")
       VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING "event_id"`,
      [group, event.id],
    )) as unknown[];
    if (claimed.length === 0) return false;
    await apply(manager);
    return true;
  });
  noteApplyOutcome(applied ? 'applied' : 'already-processed');
  return applied;
}
