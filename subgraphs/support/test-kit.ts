import { randomUUID } from 'node:crypto';
import { execute } from '../../test/helpers';
import type { Role, Viewer } from '../shared/auth/viewer';
import type { SubgraphService } from '../shared/server';
import type { SupportSession } from './entities/support-session';
import type { Loaders } from './loaders';
import { openSupportSession } from './services/open-session';

/** execute<D> alone would default the loaders type to unknown, which this service is not. */
export const run = <D>(
  service: SubgraphService<Loaders>,
  query: string,
  options?: Parameters<typeof execute>[2],
) => execute<D, Loaders>(service, query, options);

/** A signed-in user nobody else's tests know. */
export const stranger = (role: Role = 'STUDENT'): Viewer => ({
  id: randomUUID(),
  role,
  sessionId: randomUUID(),
  tokenId: randomUUID(),
});

/** A fresh session opened by `customer` through the service (as the mutation would). */
export const openedBy = (
  service: SubgraphService<Loaders>,
  customer: Viewer,
  subject = `Help ${randomUUID()}`,
): Promise<SupportSession> =>
  openSupportSession(service.services, customer, { subject, message: `About ${subject}` });
