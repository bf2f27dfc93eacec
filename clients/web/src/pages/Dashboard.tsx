import { useQuery } from 'urql';
import { describeError } from '../errors';
import { href } from '../router';
import { formatDateTime } from '../util';
import { WebDashboardDocument } from '../../../generated/graphql';

/**
 * "My dashboard": one query (WebDashboard) that the gateway plans across all five
 * subgraphs: auth (email, role), users (name, profile), course (classes, taught courses),
 * booking (enrollments, bookings) and support (sessions).
 */
export function Dashboard() {
  const [result] = useQuery({ query: WebDashboardDocument });
  if (result.error) return <p className="error">{describeError(result.error)}</p>;
  const me = result.data?.me;
  if (!me) return <p className="muted">Loading…</p>;
  return (
    <div className="dashboard">
      <h1>My dashboard</h1>
      <p className="muted small">One query, five subgraphs.</p>
      <div className="grid">
        <section className="card">
          <h2>Profile</h2>
          <p>
            <strong>{me.name}</strong> · {me.role.toLowerCase()}
          </p>
          <p className="small">
            {me.email} {me.emailVerified ? '(verified)' : '(not verified)'}
          </p>
          {me.phone && <p className="small">{me.phone}</p>}
          {me.bio && <p className="small">{me.bio}</p>}
          {me.lastLoginAt && (
            <p className="muted small">Last sign-in {formatDateTime(me.lastLoginAt)}</p>
          )}
        </section>
        <section className="card">
          <h2>Enrollments</h2>
          {me.enrollments.length === 0 && <p className="muted">None yet.</p>}
          <ul>
            {me.enrollments.map((e) => (
              <li key={e.id}>
                <a href={href('course', e.course.id)}>{e.course.title}</a>{' '}
                <span className="muted small">
                  {e.status.toLowerCase()} · {e.progressPercent}%
                </span>
                <progress max={100} value={e.progressPercent} />
                {e.course.schedules[0] && (
                  <div className="muted small">
                    next class {formatDateTime(e.course.schedules[0].startsAt)}
                    {e.course.schedules[0].room ? ` in ${e.course.schedules[0].room.name}` : ''}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2>Bookings</h2>
          {me.bookings.length === 0 && <p className="muted">None yet.</p>}
          <ul>
            {me.bookings.map((b) => (
              <li key={b.id}>
                {b.course.title}{' '}
                <span className={`status status-${b.status.toLowerCase()}`}>{b.status}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h2>Support</h2>
          {me.supportSessions.length === 0 && <p className="muted">No conversations.</p>}
          <ul>
            {me.supportSessions.map((s) => (
              <li key={s.id}>
                <a href={href('support', s.id)}>{s.subject}</a>{' '}
                <span className="muted small">{s.status.toLowerCase()}</span>
              </li>
            ))}
          </ul>
        </section>
        {me.taughtCourses.length > 0 && (
          <section className="card">
            <h2>Courses I teach</h2>
            <ul>
              {me.taughtCourses.map((c) => (
                <li key={c.id}>
                  <a href={href('course', c.id)}>{c.title}</a>{' '}
                  <span className="muted small">
                    {c.status.toLowerCase()} · {c.seatsLeft} seats left
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
