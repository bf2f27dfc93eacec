import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../context';
import { describeError } from '../errors';
import { useLive, useViewer } from '../live';
import { formatTime } from '../util';
import {
  WebSendSupportMessageDocument,
  WebSupportMessageAddedDocument,
  WebSupportSessionDocument,
  WebSupportSessionUpdatedDocument,
  type WebSupportSessionQuery,
} from '../../../generated/graphql';

type Message = NonNullable<WebSupportSessionQuery['supportSession']>['messages'][number];

/**
 * One support conversation, live. History comes from the query; then
 * `supportMessageAdded(sessionId, after: <last id held>)` sends what came after it and
 * every new message. Messages are kept by id (ids sort in creation order), so a replay
 * after a reconnect adds only what was missed.
 */
export function Chat({ sessionId, actions }: { sessionId: string; actions?: ReactNode }) {
  const session = useSession();
  const viewer = useViewer(session);
  const [result] = useQuery({
    query: WebSupportSessionDocument,
    variables: { id: sessionId },
    requestPolicy: 'network-only',
  });
  const [messages, setMessages] = useState<Map<string, Message>>(new Map());
  const [status, setStatus] = useState<{ status: string; assignee: string | null } | null>(null);
  const [draft, setDraft] = useState('');
  const [sending, send] = useMutation(WebSendSupportMessageDocument);
  const lastId = useRef<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const add = (incoming: Message[]) => {
    setMessages((current) => {
      const next = new Map(current);
      for (const m of incoming) {
        next.set(m.id, m);
        if (!lastId.current || m.id > lastId.current) lastId.current = m.id;
      }
      return next;
    });
  };

  const loaded = result.data?.supportSession;
  useEffect(() => {
    lastId.current = null;
    setMessages(new Map());
    setStatus(null);
  }, [sessionId]);
  useEffect(() => {
    if (loaded) add(loaded.messages);
  }, [loaded]);

  // Subscribe once the history is in, resuming after the newest message held.
  useLive(
    session,
    WebSupportMessageAddedDocument,
    loaded ? () => ({ sessionId, after: lastId.current }) : null,
    (data) => add([data.supportMessageAdded]),
    [sessionId],
  );
  useLive(
    session,
    WebSupportSessionUpdatedDocument,
    () => ({ sessionId }),
    (data) =>
      setStatus({
        status: data.supportSessionUpdated.status,
        assignee: data.supportSessionUpdated.assignee?.name ?? null,
      }),
    [sessionId],
  );

  const sorted = [...messages.values()].sort((a, b) => a.id.localeCompare(b.id));
  useEffect(() => {
    // Scroll the message list only, never the page.
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [sorted.length]);

  if (result.error) return <p className="error">{describeError(result.error)}</p>;
  if (!loaded) return <p className="muted">Loading…</p>;
  const currentStatus = status?.status ?? loaded.status;
  const assignee = status ? status.assignee : (loaded.assignee?.name ?? null);

  return (
    <div className="chat card" data-testid="chat">
      <header>
        <h2>{loaded.subject}</h2>
        <p className="muted small">
          {loaded.customer.name} ·{' '}
          <span className={`status status-${currentStatus.toLowerCase()}`}>{currentStatus}</span>
          {assignee ? ` · with ${assignee}` : ' · waiting for an agent'}
        </p>
        {actions}
      </header>
      <ol className="messages" data-testid="messages" ref={list}>
        {sorted.map((m) => (
          <li key={m.id} className={m.sender.id === viewer?.id ? 'mine' : 'theirs'}>
            <div className="sender small">
              {m.sender.name}
              {m.sender.role === 'ADMIN' ? ' (support)' : ''} · {formatTime(m.createdAt)}
            </div>
            <div className="body">{m.body}</div>
          </li>
        ))}
      </ol>
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          const body = draft.trim();
          if (!body) return;
          void send({ sessionId, body }).then((r) => {
            if (r.data) {
              add([r.data.sendSupportMessage]);
              setDraft('');
            }
          });
        }}
      >
        <input
          aria-label="Message"
          placeholder={
            currentStatus === 'CLOSED' ? 'This conversation is closed' : 'Write a message…'
          }
          value={draft}
          maxLength={4000}
          disabled={currentStatus === 'CLOSED'}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={sending.fetching || currentStatus === 'CLOSED'}>
          Send
        </button>
      </form>
      {sending.error && (
        <p className="error" role="alert">
          {describeError(sending.error)}
        </p>
      )}
    </div>
  );
}
