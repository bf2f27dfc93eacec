import type { EntityManager } from 'typeorm';
import { notFound } from '../../shared/errors';
import { SupportSession } from '../entities/support-session';

/**
 * Reads a session and locks its row (FOR UPDATE) until the transaction ends: writers of
 * one session (messages, assignment, status) take turns, and each decides on the state
 * the previous one committed. NOT_FOUND when there is no such session.
 */
export async function lockSession(manager: EntityManager, id: string): Promise<SupportSession> {
  const session = await manager
    .getRepository(SupportSession)
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.id = :id', { id })
    .getOne();
  if (!session) throw notFound('No such support session.');
  return session;
}
