import type { EntityManager } from 'typeorm';
import { isUuid } from '../../shared/ids';
import { updateReturning } from './update-returning';

/**
 * Marks an account's active sessions revoked inside the caller's transaction and returns
 * their ids (for the revocation list, after the commit). `only` limits it to one session,
 * `except` keeps one. The conditional UPDATE makes concurrent revocations count each
 * session once.
 */
export async function endSessions(
  manager: EntityManager,
  accountId: string,
  scope: { only?: string; except?: string } = {},
): Promise<string[]> {
  const params: unknown[] = [accountId];
  let filter = '';
  if (scope.only !== undefined) {
    // A session id that is not a UUID (never issued by us) matches nothing.
    if (!isUuid(scope.only)) return [];
    params.push(scope.only);
    filter = `AND "id" = $${params.length}`;
  } else if (scope.except !== undefined && isUuid(scope.except)) {
    params.push(scope.except);
    filter = `AND "id" <> $${params.length}`;
  }
  const rows = await updateReturning<{ id: string }>(
    manager,
    `UPDATE "auth"."sessions" SET "revoked_at" = now()
      WHERE "account_id" = $1 AND "revoked_at" IS NULL AND "expires_at" > now() ${filter}
      RETURNING "id"`,
    params,
  );
  return rows.map((row) => row.id);
}
