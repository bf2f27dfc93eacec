import type { ServiceContext } from '../../shared/context';
import type { Booking } from '../entities/booking';
import { bookingTopicOfUser, type BookingUpdatedNotification } from './topics';

/**
 * Tells the booking owner's bookingUpdated subscriptions that it changed. Call it only
 * after the change has committed (subscribers re-read the row). A failed publish is
 * logged, not thrown: the change is committed and the mutation did succeed.
 */
export async function notifyBookingUpdated(ctx: ServiceContext, booking: Booking): Promise<void> {
  const notification: BookingUpdatedNotification = { bookingId: booking.id };
  try {
    await ctx.pubsub.publish(bookingTopicOfUser(booking.userId), notification);
  } catch (error) {
    ctx.log.warn({ err: error, bookingId: booking.id }, 'bookingUpdated notification lost');
  }
}
