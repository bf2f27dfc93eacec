import type { EntityManager } from 'typeorm';
import { conflict, notFound } from '../../shared/errors';
import type { Booking } from '../entities/booking';
import { BOOKING_COLUMNS, queryRow, toBooking } from './rows';

/**
 * Runs a conditional UPDATE of one booking (`sets` applied only WHERE `condition` holds)
 * and returns the changed booking. No row means the booking is missing (NOT_FOUND) or in a
 * state that does not allow the change (CONFLICT, e.g. already decided); the check and the
 * change are one statement, so two admins deciding at once can not both win.
 */
export async function changeBookingWhere(
  manager: EntityManager,
  id: string,
  sets: string,
  condition: string,
  parameters: unknown[],
  conflictMessage: string,
): Promise<Booking> {
  const row = await queryRow<Partial<Booking>>(
    manager,
    `UPDATE "booking"."bookings" SET ${sets}
      WHERE "id" = $1 AND ${condition}
      RETURNING ${BOOKING_COLUMNS}`,
    [id, ...parameters],
  );
  if (row) return toBooking(manager, row);
  const exists = await queryRow(manager, `SELECT 1 FROM "booking"."bookings" WHERE "id" = $1`, [
    id,
  ]);
  throw exists ? conflict(conflictMessage) : notFound('No such booking.');
}
