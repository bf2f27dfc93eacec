import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../shared/context';
import { selectWhereIn } from '../shared/db/plain-select';
import { loaderByGroup, loaderByKey } from '../shared/loaders';
import { SupportSession } from './entities/support-session';
import { SupportMessage } from './entities/support-message';
import { latestMessages } from './services/latest-messages';
import { messageWindowKey, type MessageWindow } from './services/message-window';
import { sessionsOfCustomers } from './services/session-lists';
import { isUuid } from '../shared/ids';

// Ids arrive from clients and gateways; a malformed one would fail the whole batch in
// Postgres, so it is dropped here and simply finds nothing.
const validIds = (ids: readonly string[]): string[] => ids.filter(isUuid);

/** Per-request loaders: each batch is one SQL statement. */
export function createLoaders(db: DataSource) {
  return {
    sessionById: loaderByKey(
      async (ids: readonly string[]) => {
        const valid = validIds(ids);
        return valid.length ? selectWhereIn(db, SupportSession, 'id', valid) : [];
      },
      (session) => session.id,
    ),
    messageById: loaderByKey(
      async (ids: readonly string[]) => {
        const valid = validIds(ids);
        return valid.length ? selectWhereIn(db, SupportMessage, 'id', valid) : [];
      },
      (message) => message.id,
    ),
    sessionsByCustomer: loaderByGroup(
      async (customerIds: readonly string[]) => {
        const valid = validIds(customerIds);
        return valid.length ? sessionsOfCustomers(db, valid) : [];
      },
      (session) => session.customerId,
    ),
    /** Keyed by session and arguments, so windows of one session with other args differ. */
    latestMessages: new DataLoader<MessageWindow, SupportMessage[], string>(
      (windows) => latestMessages(db, windows),
      { cacheKeyFn: messageWindowKey },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders>;
