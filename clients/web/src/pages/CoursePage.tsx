import { useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../errors';
import { href } from '../router';
import { formatDateTime, formatMoney, newId } from '../util';
import { WebCourseDocument, WebRegisterForCourseDocument } from '../../../generated/graphql';

/** One course: sections and lessons, upcoming classes, seats left, and "Register". */
export function CoursePage({ id }: { id: string }) {
  const [result] = useQuery({ query: WebCourseDocument, variables: { id } });
  const [registration, register] = useMutation(WebRegisterForCourseDocument);
  const [scheduleId, setScheduleId] = useState('');
  const [note, setNote] = useState('');
  // One key per visit: a retried or double-clicked registration gives the same booking.
  const idempotencyKey = useRef(newId());

  const course = result.data?.course;
  if (result.error) return <p className="error">{describeError(result.error)}</p>;
  if (!course) return <p className="muted">{result.fetching ? 'Loading…' : 'No such course.'}</p>;

  const booking = registration.data?.registerForCourse.course.viewerBooking ?? course.viewerBooking;
  const seatsLeft = registration.data?.registerForCourse.course.seatsLeft ?? course.seatsLeft;

  return (
    <div className="course">
      <p>
        <a href={href()}>← Catalog</a>
      </p>
      <h1>{course.title}</h1>
      <p className="muted">
        {course.level.toLowerCase()} · taught by {course.instructor?.name ?? 'TBA'}
        {course.instructor?.instructorProfile?.headline
          ? ` (${course.instructor.instructorProfile.headline})`
          : ''}
      </p>
      <p>{course.description}</p>
      <div className="facts">
        <div>
          <strong>{formatMoney(course.price)}</strong>
          <span className="muted small">price</span>
        </div>
        <div data-testid="seats-left">
          <strong>{seatsLeft}</strong>
          <span className="muted small">of {course.capacity} seats left</span>
        </div>
        <div>
          <strong>{course.enrollmentCount}</strong>
          <span className="muted small">enrolled</span>
        </div>
      </div>

      <section className="card register">
        <h2>Register</h2>
        {booking ? (
          <p data-testid="viewer-booking">
            You have a booking for this course:{' '}
            <span className={`status status-${booking.status.toLowerCase()}`}>
              {booking.status}
            </span>
            {booking.status === 'PENDING' ? ' (an admin will confirm it)' : ''}
          </p>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void register({
                input: {
                  courseId: course.id,
                  scheduleId: scheduleId || null,
                  note: note.trim() || null,
                  idempotencyKey: idempotencyKey.current,
                },
              });
            }}
          >
            <label>
              First class
              <select value={scheduleId} onChange={(e) => setScheduleId(e.target.value)}>
                <option value="">Any</option>
                {course.schedules.map((s) => (
                  <option key={s.id} value={s.id}>
                    {formatDateTime(s.startsAt)} {s.room ? `· ${s.room.name}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Note to the admin (optional)
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
            </label>
            <button type="submit" disabled={registration.fetching}>
              {seatsLeft === 0 ? 'Register (full)' : 'Register'}
            </button>
          </form>
        )}
        {registration.error && (
          <p className="error" role="alert">
            {describeError(registration.error)}
          </p>
        )}
      </section>

      <section>
        <h2>Classes</h2>
        {course.schedules.length === 0 && <p className="muted">No upcoming classes.</p>}
        <ul className="schedules">
          {course.schedules.map((s) => (
            <li key={s.id}>
              {formatDateTime(s.startsAt)} – {formatDateTime(s.endsAt)}
              {s.room ? ` · ${s.room.name}, ${s.room.building ?? ''}` : ''}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2>Sections</h2>
        {course.sections.map((section) => (
          <div key={section.id} className="section">
            <h3>
              {section.position + 1}. {section.title}
            </h3>
            <ol>
              {section.lessons.map((lesson) => (
                <li key={lesson.id}>
                  {lesson.title}{' '}
                  <span className="muted small">
                    {lesson.kind.toLowerCase()}
                    {lesson.durationMinutes ? ` · ${lesson.durationMinutes} min` : ''}
                    {lesson.isPreview ? ' · free preview' : ''}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>
    </div>
  );
}
