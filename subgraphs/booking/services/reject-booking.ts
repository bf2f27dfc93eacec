import { requireAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { optionalText } from '../../shared/validation';
import { Booking } from '../entities/booking';
import { recordBookingChanged } from './booking-events';
import { changeBookingWhere } from './decisions';
import { notifyBookingUpdated } from './notify-booking-updated';
import { freeSeat } from './seats';

const REASON_MAX = 1000;

/**
 * rejectBooking (ADMIN): PENDING to REJECTED with the admin's optional reason; the seat is
 * freed in the same transaction. NOT_FOUND for an unknown booking, CONFLICT when it is no
 * longer PENDING (the freed seat then rolls back with everything else).
 */
export async function rejectBooking(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
  reason?: string | null,
): Promise<Booking> {
  const admin = requireAdmin(viewer);
  requireUuid('id', id);
  const decisionReason = optionalText('reason', reason, REASON_MAX) ?? null;
  // The course id, to lock the course row before the booking (see freeSeat).
  const current = await ctx.db.getRepository(Booking).findOneBy({ id });
  if (!current) throw notFound('No such booking.');

  const { booking, event } = await ctx.db.transaction(async (manager) => {
    await freeSeat(manager, current.courseId);
    const rejected = await changeBookingWhere(
      manager,
      id,
      `"status" = 'REJECTED', "decided_at" = now(), "decided_by" = $2, "decision_reason" = $3`,
      `"status" = 'PENDING'`,
      [admin.id, decisionReason],
      'This booking has already been decided or cancelled.',
    );
    const recorded = await recordBookingChanged(ctx, manager, rejected, 'PENDING', null);
    return { booking: rejected, event: recorded };
  });
  await ctx.events.committed([event]);
  await notifyBookingUpdated(ctx, booking);
  return booking;
}
