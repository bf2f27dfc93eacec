import { In } from 'typeorm';
import type { Viewer } from '../shared/auth/viewer';
import type { ServiceContext } from '../shared/context';
import { isUniqueViolation } from '../shared/db/errors';
import { DEMO_SUPPORT_SESSIONS, DEMO_USERS, type DemoSupportSession } from '../shared/demo/catalog';
import { SupportSession } from './entities/support-session';
import { assignSupportSession } from './services/assign-session';
import { openSupportSession } from './services/open-session';
import { sendSupportMessage } from './services/send-message';
import { setSupportSessionStatus } from './services/set-session-status';

const MINUTE = 60_000;

/** A demo user acting as the seed does: no real session behind it. */
function actingAs(userId: string): Viewer {
  const user = DEMO_USERS.find((u) => u.id === userId);
  if (!user) throw new Error(`No demo user ${userId}`);
  return { id: user.id, role: user.role, sessionId: 'seed', tokenId: 'seed' };
}

/**
 * Plays one demo session through the mutations' services: its customer opens it with the
 * first message, the admin takes it when it has an assignee, the rest of the conversation
 * follows one minute apart (ending now, so the queue has a longest-waiting order), then
 * its final status is set. Returns false when another starter opened it first.
 */
async function playDemoSession(
  ctx: ServiceContext,
  demo: DemoSupportSession,
  now: number,
): Promise<boolean> {
  const [first, ...rest] = demo.messages;
  if (!first) throw new Error(`Demo support session ${demo.id} has no message`);
  const at = (i: number) => new Date(now - (demo.messages.length - 1 - i) * MINUTE);
  try {
    await openSupportSession(
      ctx,
      actingAs(demo.customerId),
      { subject: demo.subject, message: first.body },
      { id: demo.id, at: at(0) },
    );
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
  if (demo.assigneeId) {
    // The admin takes it themself: their role is enough (requireAssignableAdmin), so the
    // seed does not depend on auth's events having reached support's staff view yet.
    await assignSupportSession(ctx, actingAs(demo.assigneeId), {
      sessionId: demo.id,
      adminId: demo.assigneeId,
    });
  }
  for (const [i, message] of rest.entries()) {
    await sendSupportMessage(
      ctx,
      actingAs(message.senderId),
      { sessionId: demo.id, body: message.body },
      { at: at(i + 1) },
    );
  }
  if (demo.status === 'RESOLVED' || demo.status === 'CLOSED') {
    await setSupportSessionStatus(ctx, actingAs(demo.assigneeId ?? demo.customerId), {
      sessionId: demo.id,
      status: demo.status,
    });
  }
  return true;
}

/**
 * Support's part of the demo data (contract: Demo data), written through the same
 * services as the mutations. Sessions already there (by demo id) are skipped, so a second
 * run only reads.
 */
export async function seedSupport(ctx: ServiceContext): Promise<void> {
  const existing = await ctx.db.getRepository(SupportSession).find({
    select: { id: true },
    where: { id: In(DEMO_SUPPORT_SESSIONS.map((s) => s.id)) },
  });
  const present = new Set(existing.map((s) => s.id));
  let seeded = 0;
  for (const demo of DEMO_SUPPORT_SESSIONS.filter((s) => !present.has(s.id))) {
    if (await playDemoSession(ctx, demo, Date.now())) seeded += 1;
  }
  if (seeded > 0) ctx.log.info({ sessions: seeded }, 'seeded demo support sessions');
}
