import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { SupportSession, type SupportSessionStatus } from '../entities/support-session';

/** Every session list stops here (said in the schema), so no list grows without bound. */
export const SESSION_LIST_CAP = 200;

/** The statuses `supportQueue` shows when not given one: sessions still waiting or in hand. */
export const ACTIVE_STATUSES: SupportSessionStatus[] = ['OPEN', 'ASSIGNED'];

// A session's latest activity: its last message, or its opening when it has none.
const activity = (alias: string) => `COALESCE(${alias}.last_message_at, ${alias}.created_at)`;

const newestActivityFirst = (query: SelectQueryBuilder<SupportSession>, alias: string) =>
  query.orderBy(activity(alias), 'DESC').addOrderBy(`${alias}.id`, 'DESC');

/**
 * Each customer's sessions, newest activity first, at most SESSION_LIST_CAP per customer:
 * one statement for all customers (a window function ranks each customer's sessions).
 */
export function sessionsOfCustomers(
  db: DataSource,
  customerIds: readonly string[],
): Promise<SupportSession[]> {
  const ranked = `
    SELECT r.id, ROW_NUMBER() OVER (
      PARTITION BY r.customer_id ORDER BY ${activity('r')} DESC, r.id DESC
    ) AS rank
    FROM "support"."support_sessions" r
    WHERE r.customer_id = ANY(:customerIds)`;
  const query = db
    .getRepository(SupportSession)
    .createQueryBuilder('s')
    .where(`s.id IN (SELECT ranked.id FROM (${ranked}) ranked WHERE ranked.rank <= :cap)`, {
      customerIds: [...customerIds],
      cap: SESSION_LIST_CAP,
    });
  return newestActivityFirst(query, 's').getMany();
}

/** Sessions the user is the customer or the assignee of, newest activity first. */
export function sessionsOfParticipant(db: DataSource, userId: string): Promise<SupportSession[]> {
  const query = db
    .getRepository(SupportSession)
    .createQueryBuilder('s')
    .where('s.customer_id = :userId OR s.assignee_id = :userId', { userId });
  return newestActivityFirst(query, 's').limit(SESSION_LIST_CAP).getMany();
}

/** The support queue: sessions of the given statuses, longest waiting first. */
export function sessionQueue(
  db: DataSource,
  statuses: SupportSessionStatus[],
): Promise<SupportSession[]> {
  return db
    .getRepository(SupportSession)
    .createQueryBuilder('s')
    .where('s.status IN (:...statuses)', { statuses })
    .orderBy('s.last_message_at', 'ASC')
    .addOrderBy('s.id', 'ASC')
    .limit(SESSION_LIST_CAP)
    .getMany();
}
