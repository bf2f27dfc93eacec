import { withinSpan } from './spans';
import { campusTracer, tracingEnabled } from './tracing';

export const ATTR_BATCH_SIZE = 'campus.batch.size';

/**
 * Runs one DataLoader batch in a span `dataloader <name>` (its SQL spans underneath) that
 * says how many keys it loads, never which. Without tracing, just runs it.
 */
export function traceBatch<R>(name: string, size: number, run: () => Promise<R>): Promise<R> {
  if (!tracingEnabled()) return run();
  const span = campusTracer().startSpan(`dataloader ${name}`, {
    attributes: { [ATTR_BATCH_SIZE]: size },
  });
  return withinSpan(span, run);
}
