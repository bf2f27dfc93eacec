import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../context';
import { describeError } from '../errors';
import { useLive, useViewer } from '../live';
import { href } from '../router';
import { formatDateTime } from '../util';
import {
  WebAssignSupportSessionDocument,
  WebConfirmBookingDocument,
  WebPendingBookingsDocument,
  WebRejectBookingDocument,
  WebSetSupportSessionStatusDocument,
  WebSupportQueueDocument,
  WebSupportQueueUpdatedDocument,
  type WebSupportQueueQuery,
} from '../../../generated/graphql';
import { Chat } from './Chat';

type QueueItem = WebSupportQueueQuery['supportQueue'][number];

/** Admin: the live support queue and a conversation; bookings waiting for a decision. */
export function Admin({ id }: { id?: string }) {
  return (
    <div className="admin">
      <h1>Admin</h1>
      <div className="split">
        <div>
          <Queue selected={id} />
          <PendingBookings />
        </div>
        <div>
          {id ? (
            <Chat sessionId={id} actions={<SessionActions sessionId={id} />} />
          ) : (
            <p className="muted">Pick a conversation from the queue.</p>
          )}
        </div>
      </div>
    </div>
  );
}

const ACTIVE = ['OPEN', 'ASSIGNED'];

/** `supportQueue`, then `supportQueueUpdated` for each session opened or changed. */
function Queue({ selected }: { selected?: string }) {
  const session = useSession();
  const [result, refetch] = useQuery({ query: WebSupportQueueDocument });
  const [live, setLive] = useState<Record<string, QueueItem>>({});
  useLive(
    session,
    WebSupportQueueUpdatedDocument,
    () => ({}),
    (data) =>
      setLive((current) => ({
        ...current,
        [data.supportQueueUpdated.id]: data.supportQueueUpdated,
      })),
  );
  const merged = new Map<string, QueueItem>();
  for (const s of result.data?.supportQueue ?? []) merged.set(s.id, live[s.id] ?? s);
  for (const s of Object.values(live)) merged.set(s.id, s);
  const items = [...merged.values()]
    .filter((s) => ACTIVE.includes(s.status))
    .sort((a, b) =>
      String(b.lastMessageAt ?? b.createdAt).localeCompare(String(a.lastMessageAt ?? a.createdAt)),
    );

  return (
    <section className="card queue" data-testid="support-queue">
      <h2>
        Support queue <span className="muted small">({items.length} open)</span>
        <button className="link-button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          refresh
        </button>
      </h2>
      {result.error && <p className="error">{describeError(result.error)}</p>}
      <ul className="sessions">
        {items.map((s) => (
          <li key={s.id} className={s.id === selected ? 'active' : ''}>
            <a href={href('admin', s.id)}>{s.subject}</a>
            <div className="muted small">
              {s.customer.name} ·{' '}
              <span className={`status status-${s.status.toLowerCase()}`}>{s.status}</span>
              {s.assignee ? ` · ${s.assignee.name}` : ''} ·{' '}
              {formatDateTime(s.lastMessageAt ?? s.createdAt)}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SessionActions({ sessionId }: { sessionId: string }) {
  const session = useSession();
  const viewer = useViewer(session);
  const [assigning, assign] = useMutation(WebAssignSupportSessionDocument);
  const [setting, setStatus] = useMutation(WebSetSupportSessionStatusDocument);
  const error = assigning.error ?? setting.error;
  const assignedToMe = assigning.data?.assignSupportSession.assignee?.id === viewer?.id;
  return (
    <div className="actions">
      <button
        disabled={assigning.fetching || assignedToMe}
        onClick={() => void assign({ sessionId })}
      >
        {assignedToMe ? 'Assigned to you' : 'Assign to me'}
      </button>
      <button
        className="secondary"
        disabled={setting.fetching}
        onClick={() => void setStatus({ sessionId, status: 'RESOLVED' })}
      >
        Mark resolved
      </button>
      {error && <p className="error">{describeError(error)}</p>}
    </div>
  );
}

/** Bookings waiting for a decision; refreshed every 10 s and after each decision. */
function PendingBookings() {
  const [result, refetch] = useQuery({
    query: WebPendingBookingsDocument,
    variables: { first: 50 },
  });
  const [confirming, confirm] = useMutation(WebConfirmBookingDocument);
  const [rejecting, reject] = useMutation(WebRejectBookingDocument);
  const [decided, setDecided] = useState<Record<string, string>>({});
  useInterval(() => refetch({ requestPolicy: 'network-only' }), 10_000);
  const error = confirming.error ?? rejecting.error;
  const connection = result.data?.pendingBookings;
  const rows = connection?.edges.map((e) => e.node).filter((b) => !decided[b.id]) ?? [];

  const decide = async (id: string, action: 'confirm' | 'reject') => {
    const r = action === 'confirm' ? await confirm({ id }) : await reject({ id, reason: null });
    const status =
      r.data && ('confirmBooking' in r.data ? r.data.confirmBooking : r.data.rejectBooking).status;
    if (status) setDecided((d) => ({ ...d, [id]: status }));
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <section className="card" data-testid="pending-bookings">
      <h2>
        Pending bookings <span className="muted small">({rows.length})</span>
      </h2>
      {result.error && <p className="error">{describeError(result.error)}</p>}
      {error && (
        <p className="error" role="alert">
          {describeError(error)}
        </p>
      )}
      <ul className="pending">
        {rows.map((b) => (
          <li key={b.id} data-testid="pending-booking">
            <div>
              <strong>{b.user.name}</strong> → {b.course.title}
              <div className="muted small">
                {formatDateTime(b.createdAt)} · {b.course.seatsLeft} seat
                {b.course.seatsLeft === 1 ? '' : 's'} left
                {b.note ? ` · “${b.note}”` : ''}
              </div>
            </div>
            <div className="actions">
              <button onClick={() => void decide(b.id, 'confirm')}>Confirm</button>
              <button className="secondary" onClick={() => void decide(b.id, 'reject')}>
                Reject
              </button>
            </div>
          </li>
        ))}
      </ul>
      {rows.length === 0 && <p className="muted">Nothing waiting.</p>}
    </section>
  );
}

function useInterval(callback: () => void, ms: number) {
  const saved = useRef(callback);
  saved.current = callback;
  useEffect(() => {
    const id = window.setInterval(() => saved.current(), ms);
    return () => window.clearInterval(id);
  }, [ms]);
}
