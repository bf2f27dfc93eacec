import { useState, type FormEvent } from 'react';
import { useSession } from './context';
import { formatWait, plainWords, type WireError } from './errors';
import { useCountdown, useLinkState, useViewer } from './live';
import { MyBookings } from './pages/MyBookings';
import { Catalog } from './pages/Catalog';
import { CoursePage } from './pages/CoursePage';
import { Dashboard } from './pages/Dashboard';
import { Support } from './pages/Support';
import { Admin } from './pages/Admin';
import { href, navigate, useRoute } from './router';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './util';

export function App() {
  const session = useSession();
  const viewer = useViewer(session);
  const route = useRoute();
  const link = useLinkState(session);

  if (!viewer) return <LogIn />;
  const isAdmin = viewer.role === 'ADMIN';
  return (
    <div className="app">
      <header className="top">
        <a className="brand" href={href()}>
          Campus
        </a>
        <nav>
          <a className={route.page === 'catalog' ? 'active' : ''} href={href()}>
            Catalog
          </a>
          <a className={route.page === 'dashboard' ? 'active' : ''} href={href('dashboard')}>
            My dashboard
          </a>
          <a className={route.page === 'support' ? 'active' : ''} href={href('support')}>
            Support
          </a>
          {isAdmin && (
            <a className={route.page === 'admin' ? 'active' : ''} href={href('admin')}>
              Admin
            </a>
          )}
        </nav>
        <div className="who">
          <span className={`link link-${link}`} title="Live updates (graphql-ws)">
            {link === 'connected' ? 'live' : link === 'reconnecting' ? 'reconnecting…' : ''}
          </span>
          <span data-testid="viewer-name">
            {viewer.name} <small>({viewer.role.toLowerCase()})</small>
          </span>
          <button
            className="secondary"
            onClick={() => {
              void session.logOut().then(() => navigate());
            }}
          >
            Log out
          </button>
        </div>
      </header>
      <div className="layout">
        <main>
          {route.page === 'catalog' && <Catalog />}
          {route.page === 'course' && <CoursePage id={route.id} />}
          {route.page === 'dashboard' && <Dashboard />}
          {route.page === 'support' && <Support id={route.id} />}
          {route.page === 'admin' &&
            (isAdmin ? <Admin id={route.id} /> : <p className="error">Admins only.</p>)}
        </main>
        {!isAdmin && (
          <aside>
            <MyBookings />
          </aside>
        )}
      </div>
    </div>
  );
}

function LogIn() {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const wait = useCountdown(blockedUntil);

  const logIn = async (e: string, p: string) => {
    setBusy(true);
    setError(null);
    try {
      await session.logIn(e, p);
    } catch (caught) {
      // campus-client's CampusError: `code`, `retryAfterSeconds`.
      const failure = caught as { message?: string; code?: string; retryAfterSeconds?: number };
      const wire: WireError = {
        message: failure.message ?? String(caught),
        extensions: { code: failure.code, retryAfterSeconds: failure.retryAfterSeconds },
      };
      if (failure.code === 'NETWORK_ERROR' || failure.code === 'BAD_RESPONSE') {
        wire.message = `Cannot reach Campus at ${session.config.gatewayUrl}. Is it running?`;
      }
      if (failure.code === 'RATE_LIMITED') {
        setBlockedUntil(Date.now() + (failure.retryAfterSeconds ?? 0) * 1000);
      }
      setError(wire);
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void logIn(email, password);
  };
  const rateLimited = error?.extensions?.code === 'RATE_LIMITED';

  return (
    <div className="login">
      <h1>Campus</h1>
      <p className="muted">Courses, bookings and live support on a GraphQL supergraph.</p>
      {session.notice && <p className="notice">{session.notice}</p>}
      <section className="card">
        <h2>Sign in as a demo user</h2>
        <div className="demo-buttons">
          {DEMO_ACCOUNTS.map((account) => (
            <button
              key={account.key}
              disabled={busy}
              onClick={() => void logIn(`${account.key}@campus.test`, DEMO_PASSWORD)}
            >
              {account.label}
            </button>
          ))}
        </div>
        <p className="muted small">
          Every demo account (admin, instructor1–2, student1–10 @campus.test) has the password{' '}
          <code>{DEMO_PASSWORD}</code>.
        </p>
      </section>
      <form className="card" onSubmit={onSubmit}>
        <h2>Or with email and password</h2>
        <label>
          Email
          <input
            type="email"
            value={email}
            autoComplete="username"
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            autoComplete="current-password"
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={busy || wait > 0}>
          Sign in
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {rateLimited
            ? wait > 0
              ? `Too many attempts. Please wait ${formatWait(wait)} and try again.`
              : 'You can try again now.'
            : plainWords(error)}
        </p>
      )}
    </div>
  );
}
