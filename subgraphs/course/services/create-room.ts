import { requireAdmin, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { isUniqueViolation } from '../../shared/db/errors';
import { conflict } from '../../shared/errors';
import { intInRange, optionalText, requiredText } from '../../shared/validation';
import { Room } from '../entities/room';
import type { CreateRoomInput } from '../generated/graphql';

/** Internal options (the seed's fixed demo ids); not part of the API. */
export interface CreateRoomOptions {
  id?: string;
}

/** createRoom (ADMIN): a taken name fails on the unique constraint, reported as CONFLICT. */
export async function createRoom(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: CreateRoomInput,
  options: CreateRoomOptions = {},
): Promise<Room> {
  requireAdmin(viewer);
  const rooms = ctx.db.getRepository(Room);
  const room = rooms.create({
    id: options.id,
    name: requiredText('name', input.name, 100),
    building: optionalText('building', input.building, 200) ?? null,
    capacity: intInRange('capacity', input.capacity, 1, 10_000),
  });
  try {
    await rooms.insert(room);
  } catch (error) {
    if (isUniqueViolation(error, 'rooms_name_key')) {
      throw conflict('A room with this name already exists.');
    }
    throw error;
  }
  return room;
}
