import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../errors';
import { href, navigate } from '../router';
import { formatDateTime } from '../util';
import {
  WebMySupportSessionsDocument,
  WebOpenSupportSessionDocument,
} from '../../../generated/graphql';
import { Chat } from './Chat';

/** The viewer's support conversations, a form to open one, and the open conversation. */
export function Support({ id }: { id?: string }) {
  const [sessions, refetchSessions] = useQuery({ query: WebMySupportSessionsDocument });
  const [opening, open] = useMutation(WebOpenSupportSessionDocument);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');

  return (
    <div className="support">
      <h1>Support</h1>
      <div className="split">
        <div>
          <form
            className="card"
            onSubmit={(event) => {
              event.preventDefault();
              void open({ subject: subject.trim(), message: message.trim() }).then((r) => {
                if (r.data) {
                  setSubject('');
                  setMessage('');
                  refetchSessions({ requestPolicy: 'network-only' });
                  navigate('support', r.data.openSupportSession.id);
                }
              });
            }}
          >
            <h2>Ask for help</h2>
            <label>
              Subject
              <input value={subject} onChange={(e) => setSubject(e.target.value)} required />
            </label>
            <label>
              Message
              <textarea value={message} onChange={(e) => setMessage(e.target.value)} required />
            </label>
            <button type="submit" disabled={opening.fetching}>
              Start chat
            </button>
            {opening.error && (
              <p className="error" role="alert">
                {describeError(opening.error)}
              </p>
            )}
          </form>
          <section className="card">
            <h2>My conversations</h2>
            {sessions.error && <p className="error">{describeError(sessions.error)}</p>}
            <ul className="sessions">
              {sessions.data?.mySupportSessions.map((s) => (
                <li key={s.id} className={s.id === id ? 'active' : ''}>
                  <a href={href('support', s.id)}>{s.subject}</a>
                  <div className="muted small">
                    {s.status.toLowerCase()}
                    {s.lastMessageAt ? ` · ${formatDateTime(s.lastMessageAt)}` : ''}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div>{id ? <Chat sessionId={id} /> : <p className="muted">Pick a conversation.</p>}</div>
      </div>
    </div>
  );
}
