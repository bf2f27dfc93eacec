import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { Booking } from '../entities/booking';
import { endWithSource } from '../../shared/end-with-source';
import { bookingTopicOfUser, type BookingUpdatedNotification } from './topics';

/** Each notified booking, re-read when its notification arrives. */
async function* freshBookings(
  ctx: ServiceContext,
  viewer: Viewer,
  notifications: AsyncIterableIterator<BookingUpdatedNotification>,
): AsyncGenerator<Booking, void, undefined> {
  try {
    for await (const { bookingId } of notifications) {
      // Straight from the database, not a DataLoader: this context lives as long as the
      // subscription, and a cached row would repeat the first status forever.
      const booking = await ctx.db.getRepository(Booking).findOneBy({ id: bookingId });
      // The topic is already the viewer's own; checking the owner as well means a wrong
      // publish can never hand someone else's booking to this viewer.
      if (booking && booking.userId === viewer.id) yield booking;
    }
  } finally {
    // The client left (or the stream ended): detach the PubSub listener.
    await notifications.return?.();
  }
}

/**
 * bookingUpdated: the signed-in viewer's bookings, as stored, each time one changes status.
 * Throws UNAUTHENTICATED right away for an anonymous viewer, before anything is subscribed.
 */
export function followBookingUpdates(
  ctx: ServiceContext,
  viewer: Viewer | null,
): AsyncGenerator<Booking, void, undefined> {
  const subscriber = requireViewer(viewer);
  const notifications = ctx.pubsub.subscribe<BookingUpdatedNotification>(
    bookingTopicOfUser(subscriber.id),
  );
  return endWithSource(freshBookings(ctx, subscriber, notifications), notifications);
}
