import { RedisRevocationList } from '../../shared/auth/redis-revocations';
import type { ServiceContext } from '../../shared/context';
import { restoreRevocations } from './restore-revocations';

/**
 * With the Redis revocation list: each time it is back in sync after a Redis outage, auth
 * re-runs restoreRevocations from its tables, so revocations recorded while Redis was down
 * reach every instance, even those of an auth instance that stopped before Redis returned
 * (the list itself re-sends only what its own process revoked). Its window: a token revoked
 * during the outage is refused by the instance that revoked it at once, and everywhere else
 * from the moment Redis is back and this has run, never later than the token's expiry.
 * In-process (any other list) there is nothing to do. Returns what detaches it.
 */
export function republishRevocationsAfterOutages(ctx: ServiceContext): () => void {
  if (!(ctx.revocations instanceof RedisRevocationList)) return () => undefined;
  return ctx.revocations.onResynced(async () => {
    await restoreRevocations(ctx);
  });
}
