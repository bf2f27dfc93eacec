import { requireOwner, requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { conflict, notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { Booking, LIVE_BOOKING_STATUSES, type BookingStatus } from '../entities/booking';
import { recordBookingChanged } from './booking-events';
import { notifyBookingUpdated } from './notify-booking-updated';
import { BOOKING_COLUMNS, queryRow, toBooking } from './rows';
import { freeSeat } from './seats';

/**
 * cancelBooking (the booking's owner only, admins included only for their own): PENDING or
 * CONFIRMED to CANCELLED, the seat freed and an ACTIVE enrollment DROPPED, in one
 * transaction. NOT_FOUND for an unknown booking, CONFLICT when it is not live any more.
 */
export async function cancelBooking(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
): Promise<Booking> {
  requireViewer(viewer);
  requireUuid('id', id);
  const current = await ctx.db.getRepository(Booking).findOneBy({ id });
  if (!current) throw notFound('No such booking.');
  requireOwner(viewer, current.userId, 'Only the student who made a booking can cancel it.');

  const { booking, event } = await ctx.db.transaction(async (manager) => {
    // Course row first, then the booking (see freeSeat); rolled back if not live.
    await freeSeat(manager, current.courseId);
    // The status before the change, for the event, read under the row lock that the
    // UPDATE below then holds, so a concurrent confirm can not slip in between.
    const locked = await queryRow<{ status: BookingStatus }>(
      manager,
      `SELECT "status" FROM "booking"."bookings" WHERE "id" = $1 FOR UPDATE`,
      [id],
    );
    const previous = locked?.status;
    if (!previous || !LIVE_BOOKING_STATUSES.includes(previous)) {
      throw conflict('Only a pending or confirmed booking can be cancelled.');
    }
    const row = await queryRow<Partial<Booking>>(
      manager,
      `UPDATE "booking"."bookings" SET "status" = 'CANCELLED' WHERE "id" = $1
        RETURNING ${BOOKING_COLUMNS}`,
      [id],
    );
    const cancelled = toBooking(manager, row ?? {});
    // An ACTIVE enrollment is dropped; a COMPLETED one stays as earned. Either way the
    // event names the booking's enrollment.
    const enrollment = await queryRow<{ id: string }>(
      manager,
      `UPDATE "booking"."enrollments"
          SET "status" = CASE WHEN "status" = 'ACTIVE' THEN 'DROPPED' ELSE "status" END
        WHERE "booking_id" = $1
        RETURNING "id"`,
      [id],
    );
    const recorded = await recordBookingChanged(
      ctx,
      manager,
      cancelled,
      previous,
      enrollment?.id ?? null,
    );
    return { booking: cancelled, event: recorded };
  });
  await ctx.events.committed([event]);
  await notifyBookingUpdated(ctx, booking);
  return booking;
}
