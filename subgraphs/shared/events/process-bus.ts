import type { CampusConfig } from '../config';
import { rootLogger } from '../logger';
import type { EventBus } from './bus';
import { InProcessEventBus } from './in-process-bus';

let bus: EventBus | undefined;

/**
 * The bus every service of this process shares, so producers and consumers started in one
 * process (npm start, tests) reach each other. Only the in-process transport exists so far;
 * a Redis Streams one will be chosen here when REDIS_URL is set.
 */
export function processEventBus(_config?: CampusConfig): EventBus {
  bus ??= new InProcessEventBus(rootLogger.child({ component: 'event-bus' }));
  return bus;
}
