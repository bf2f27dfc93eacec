import type { Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { isDeadlock, isExclusionViolation } from '../../shared/db/errors';
import { badUserInput, conflict, notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { ClassSchedule } from '../entities/class-schedule';
import { Course } from '../entities/course';
import { Room } from '../entities/room';
import type { ScheduleClassInput } from '../generated/graphql';
import { requireCourseAuthor, requireCourseOwner } from './course-access';

/** Internal options (the seed's fixed demo ids); not part of the API. */
export interface ScheduleClassOptions {
  id?: string;
}

const MAX_CLASS_MS = 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 3;

/** A class ends after it starts and lasts at most a day. */
function checkClassTimes(startsAt: Date, endsAt: Date): void {
  const length = endsAt.getTime() - startsAt.getTime();
  if (length <= 0) throw badUserInput('endsAt', 'endsAt must be after startsAt.');
  if (length > MAX_CLASS_MS) throw badUserInput('endsAt', 'A class lasts at most 24 hours.');
}

/**
 * scheduleClass: a class of the viewer's own course (any course for an admin), in a room
 * or online. Whether the room is free is not checked here: the exclusion constraint
 * class_schedules_room_no_overlap refuses an overlapping class in the same room, so of two
 * concurrent requests for one slot exactly one wins and the other is CONFLICT. Ranges are
 * half-open, so a class may start when the previous one ends. Past times are allowed
 * (recording a class that took place).
 */
export async function scheduleClass(
  ctx: ServiceContext,
  viewer: Viewer | null,
  input: ScheduleClassInput,
  options: ScheduleClassOptions = {},
): Promise<ClassSchedule> {
  const author = requireCourseAuthor(viewer);
  const courseId = requireUuid('courseId', input.courseId);
  const roomId = input.roomId == null ? null : requireUuid('roomId', input.roomId);
  checkClassTimes(input.startsAt, input.endsAt);
  const course = await ctx.db.getRepository(Course).findOneBy({ id: courseId });
  if (!course) throw notFound('No course with this id.');
  requireCourseOwner(author, course);
  // Rooms are never deleted through the API; the foreign key still guards the insert.
  if (roomId !== null && !(await ctx.db.getRepository(Room).existsBy({ id: roomId }))) {
    throw notFound('No room with this id.');
  }
  const schedules = ctx.db.getRepository(ClassSchedule);
  const schedule = schedules.create({
    id: options.id,
    courseId,
    roomId,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
  });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await schedules.insert(schedule);
      return schedule;
    } catch (error) {
      if (isExclusionViolation(error, 'class_schedules_room_no_overlap')) {
        throw conflict('The room is already booked for an overlapping time.');
      }
      // Two overlapping inserts racing can each wait for the other's index entry; the
      // deadlock detector then aborts one. Its retry meets the winner's committed row.
      if (!isDeadlock(error) || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}
