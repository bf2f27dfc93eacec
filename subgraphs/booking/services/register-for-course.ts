import type { EntityManager } from 'typeorm';
import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { isUniqueViolation } from '../../shared/db/errors';
import { badUserInput, conflict } from '../../shared/errors';
import { isUuid, requireUuid } from '../../shared/ids';
import { exactText, optionalText } from '../../shared/validation';
import type { Booking } from '../entities/booking';
import { recordBookingChanged } from './booking-events';
import { notifyBookingUpdated } from './notify-booking-updated';
import { registrationCache, registrationCacheId } from './registration-cache';
import { BOOKING_COLUMNS, queryRow, toBooking } from './rows';
import { noSeatError, takeSeat } from './seats';

export interface RegisterForCourseInput {
  courseId: string;
  scheduleId?: string | null;
  note?: string | null;
  idempotencyKey: string;
}

/** Internal options: the seed gives demo bookings their fixed ids. */
export interface RegisterOptions {
  id?: string;
}

/** How long an idempotency key returns the booking it made (contract: 24 hours). */
const IDEMPOTENCY_WINDOW = `interval '24 hours'`;
const IDEMPOTENCY_KEY_MAX = 200;
const NOTE_MAX = 1000;

// Constraint names from the first migration.
const LIVE_BOOKING_INDEX = 'bookings_one_live_per_user_course';
const IDEMPOTENCY_KEY_CONSTRAINT = 'bookings_user_id_idempotency_key_key';

interface KeyHolder {
  booking: Booking;
  /** Made within the idempotency window, so the key still names it. */
  fresh: boolean;
}

/**
 * The viewer's booking made with this key, if any; with `bookingId` (what Redis remembered
 * for the key), only if it is that booking.
 */
async function keyHolder(
  manager: EntityManager,
  userId: string,
  key: string,
  bookingId?: string,
): Promise<KeyHolder | undefined> {
  const row = await queryRow<Partial<Booking> & { fresh: boolean }>(
    manager,
    `SELECT ${BOOKING_COLUMNS}, "created_at" > now() - ${IDEMPOTENCY_WINDOW} AS "fresh"
       FROM "booking"."bookings" WHERE "user_id" = $1 AND "idempotency_key" = $2
       ${bookingId ? `AND "id" = $3` : ''}`,
    bookingId ? [userId, key, bookingId] : [userId, key],
  );
  if (!row) return undefined;
  const { fresh, ...booking } = row;
  return { booking: toBooking(manager, booking), fresh };
}

/** A retry returns the booking the key made, but a key can not be reused for another course. */
function replay(holder: KeyHolder, courseId: string): Booking {
  if (holder.booking.courseId !== courseId) {
    throw badUserInput(
      'idempotencyKey',
      'This idempotencyKey was already used to register for another course.',
    );
  }
  return holder.booking;
}

function checkInput(input: RegisterForCourseInput) {
  const courseId = requireUuid('courseId', input.courseId);
  const scheduleId =
    input.scheduleId === null || input.scheduleId === undefined
      ? null
      : requireUuid('scheduleId', input.scheduleId);
  // The key is opaque: compared as sent, never trimmed.
  const key = exactText('idempotencyKey', input.idempotencyKey, IDEMPOTENCY_KEY_MAX, 1);
  const note = optionalText('note', input.note, NOTE_MAX) ?? null;
  return { courseId, scheduleId, key, note };
}

/**
 * registerForCourse: a PENDING booking holding one seat of a PUBLISHED course.
 * Retry-safe: the same viewer and idempotencyKey within 24 hours gets the same booking
 * back, backed by the (user_id, idempotency_key) unique constraint, so concurrent retries
 * make one row; after 24 hours the key is released and names a new booking.
 */
export async function registerForCourse(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: RegisterForCourseInput,
  options: RegisterOptions = {},
): Promise<Booking> {
  const student = requireViewer(viewer);
  const { courseId, scheduleId, key, note } = checkInput(input);

  // With Redis, the key's booking id first (a miss or Redis down: PostgreSQL decides).
  const cache = registrationCache(ctx);
  const cacheId = registrationCacheId(student.id, key);
  const [cachedId] = (await cache?.getMany([cacheId])) ?? [];
  if (cachedId && isUuid(cachedId)) {
    const cached = await keyHolder(ctx.db.manager, student.id, key, cachedId);
    if (cached?.fresh) return replay(cached, courseId);
  }

  const earlier = await keyHolder(ctx.db.manager, student.id, key);
  if (earlier?.fresh) return replay(earlier, courseId);

  try {
    const { booking, event } = await ctx.db.transaction(async (manager) => {
      if (!(await takeSeat(manager, courseId))) {
        // A concurrent retry may have taken the last seat with this very key.
        const holder = await keyHolder(manager, student.id, key);
        if (holder?.fresh) return { booking: replay(holder, courseId), event: undefined };
        throw await noSeatError(manager, courseId);
      }
      if (earlier) {
        await manager.query(
          `UPDATE "booking"."bookings" SET "idempotency_key" = NULL
            WHERE "user_id" = $1 AND "idempotency_key" = $2
              AND "created_at" <= now() - ${IDEMPOTENCY_WINDOW}`,
          [student.id, key],
        );
      }
      const row = await queryRow<Partial<Booking>>(
        manager,
        `INSERT INTO "booking"."bookings"
                ("id", "user_id", "course_id", "schedule_id", "note", "idempotency_key")
         VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6)
         RETURNING ${BOOKING_COLUMNS}`,
        [options.id ?? null, student.id, courseId, scheduleId, note, key],
      );
      const created = toBooking(manager, row ?? {});
      const recorded = await recordBookingChanged(ctx, manager, created, null, null);
      return { booking: created, event: recorded };
    });
    // Only a booking made now is news; a replayed retry changed nothing.
    if (event) {
      // Committed: retries through any instance find the key in Redis (NX: never replaced).
      await cache?.setMany([[cacheId, booking.id]]);
      await ctx.events.committed([event]);
      await notifyBookingUpdated(ctx, booking);
    }
    return booking;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Everything rolled back, the seat included. A concurrent request with the same key
    // may have won (whichever unique index PostgreSQL checked first): return its booking.
    const holder = await keyHolder(ctx.db.manager, student.id, key);
    if (holder?.fresh) return replay(holder, courseId);
    if (isUniqueViolation(error, LIVE_BOOKING_INDEX)) {
      throw conflict('You already have a pending or confirmed booking for this course.');
    }
    if (isUniqueViolation(error, IDEMPOTENCY_KEY_CONSTRAINT)) {
      throw conflict('A concurrent request with this idempotencyKey is in progress; retry.');
    }
    throw error;
  }
}
