import { requireAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { requireUuid } from '../../shared/ids';
import type { Booking } from '../entities/booking';
import type { Enrollment } from '../entities/enrollment';
import { recordBookingChanged } from './booking-events';
import { changeBookingWhere } from './decisions';
import { notifyBookingUpdated } from './notify-booking-updated';
import { ENROLLMENT_COLUMNS, queryRow, toEnrollment } from './rows';

/** Internal options: the seed gives demo enrollments their fixed ids. */
export interface ConfirmOptions {
  enrollmentId?: string;
}

/**
 * confirmBooking (ADMIN): PENDING to CONFIRMED and the student's ACTIVE enrollment, in one
 * transaction with its booking.changed event. The seat stays taken. NOT_FOUND for an
 * unknown booking, CONFLICT when it is no longer PENDING.
 */
export async function confirmBooking(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
  options: ConfirmOptions = {},
): Promise<{ booking: Booking; enrollment: Enrollment }> {
  const admin = requireAdmin(viewer);
  requireUuid('id', id);
  const { booking, enrollment, event } = await ctx.db.transaction(async (manager) => {
    const confirmed = await changeBookingWhere(
      manager,
      id,
      `"status" = 'CONFIRMED', "decided_at" = now(), "decided_by" = $2`,
      `"status" = 'PENDING'`,
      [admin.id],
      'This booking has already been decided or cancelled.',
    );
    const row = await queryRow<Partial<Enrollment>>(
      manager,
      `INSERT INTO "booking"."enrollments" ("id", "booking_id", "user_id", "course_id")
       VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4)
       RETURNING ${ENROLLMENT_COLUMNS}`,
      [options.enrollmentId ?? null, confirmed.id, confirmed.userId, confirmed.courseId],
    );
    const enrolled = toEnrollment(manager, row ?? {});
    const recorded = await recordBookingChanged(ctx, manager, confirmed, 'PENDING', enrolled.id);
    return { booking: confirmed, enrollment: enrolled, event: recorded };
  });
  await ctx.events.committed([event]);
  await notifyBookingUpdated(ctx, booking);
  return { booking, enrollment };
}
