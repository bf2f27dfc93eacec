/**
 * PubSub topics of the booking subgraph, and what is published on them. One topic per
 * booking owner, so a subscriber hears of their own bookings only and the PubSub (not a
 * filter in every subscription) does the routing.
 */
export const bookingTopicOfUser = (userId: string): string => `booking.user.${userId}`;

/**
 * A booking of the topic's user changed status. Only the id: subscribers re-read the
 * booking, so they send what is stored, never a copy that could be stale.
 */
export interface BookingUpdatedNotification {
  bookingId: string;
}
