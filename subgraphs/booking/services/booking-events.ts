import type { EntityManager } from 'typeorm';
import type { ServiceContext } from '../../shared/context';
import type { DomainEvent } from '../../shared/events/catalog';
import type { Booking, BookingStatus } from '../entities/booking';

/** Records booking.changed for a booking's new state, in the caller's transaction. */
export const recordBookingChanged = (
  ctx: ServiceContext,
  manager: EntityManager,
  booking: Booking,
  previousStatus: BookingStatus | null,
  enrollmentId: string | null,
): Promise<DomainEvent<'booking.changed'>> =>
  ctx.events.record(manager, 'booking.changed', {
    bookingId: booking.id,
    userId: booking.userId,
    courseId: booking.courseId,
    status: booking.status,
    previousStatus,
    enrollmentId,
  });
