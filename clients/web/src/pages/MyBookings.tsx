import { useState } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../context';
import { describeError } from '../errors';
import { useLive } from '../live';
import { href } from '../router';
import { formatDateTime } from '../util';
import {
  WebBookingUpdatedDocument,
  WebMyBookingsDocument,
  type WebMyBookingsQuery,
} from '../../../generated/graphql';

type Booking = WebMyBookingsQuery['myBookings'][number];

/**
 * The viewer's bookings, live: `bookingUpdated` brings each status change (an admin's
 * confirmation or rejection) without a reload.
 */
export function MyBookings() {
  const session = useSession();
  const [result, refetch] = useQuery({ query: WebMyBookingsDocument });
  const [updates, setUpdates] = useState<Record<string, Booking>>({});
  const [toast, setToast] = useState<string | null>(null);

  useLive(
    session,
    WebBookingUpdatedDocument,
    () => ({}),
    (data) => {
      const booking = data.bookingUpdated;
      setUpdates((current) => ({ ...current, [booking.id]: booking }));
      setToast(`Your booking for ${booking.course.title} is now ${booking.status.toLowerCase()}.`);
      // New bookings (made elsewhere) appear too.
      refetch({ requestPolicy: 'network-only' });
    },
  );

  const merged = new Map<string, Booking>();
  for (const b of result.data?.myBookings ?? []) merged.set(b.id, updates[b.id] ?? b);
  for (const b of Object.values(updates)) if (!merged.has(b.id)) merged.set(b.id, b);
  const bookings = [...merged.values()].sort((a, b) =>
    String(b.createdAt).localeCompare(String(a.createdAt)),
  );

  return (
    <section className="card bookings" data-testid="my-bookings">
      <h2>My bookings</h2>
      {toast && (
        <p className="toast" role="status">
          {toast}
        </p>
      )}
      {result.error && <p className="error">{describeError(result.error)}</p>}
      {bookings.length === 0 && !result.fetching && <p className="muted">No bookings yet.</p>}
      <ul>
        {bookings.map((b) => (
          <li key={b.id} data-testid={`booking-${b.id}`}>
            <a href={href('course', b.course.id)}>{b.course.title}</a>{' '}
            <span className={`status status-${b.status.toLowerCase()}`}>{b.status}</span>
            <div className="muted small">
              {b.status === 'PENDING'
                ? 'waiting for an admin'
                : b.decidedAt
                  ? `decided ${formatDateTime(b.decidedAt)}`
                  : `booked ${formatDateTime(b.createdAt)}`}
              {b.decisionReason ? `: ${b.decisionReason}` : ''}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
