import { isAdmin, requireViewer } from '../../shared/auth/viewer';
import { forbidden } from '../../shared/errors';
import type { ClassScheduleResolvers } from '../generated/graphql';

export const ClassSchedule: ClassScheduleResolvers = {
  // Not filtered, like Course's reference: whoever links to a class already knows it.
  __resolveReference: ({ id }, { loaders }) => loaders.scheduleById.load(id),
  course: async (schedule, _args, { loaders }) => {
    const course = await loaders.courseById.load(schedule.courseId);
    // The foreign key makes this impossible; fail loudly rather than return a broken graph.
    if (!course) throw new Error(`Class ${schedule.id} has no course ${schedule.courseId}.`);
    return course;
  },
  room: (schedule, _args, { loaders }) =>
    schedule.roomId === null ? null : loaders.roomById.load(schedule.roomId),
  attendance: async (schedule, _args, { viewer, loaders }) => {
    const signedIn = requireViewer(viewer);
    if (!isAdmin(signedIn)) {
      const course = await loaders.courseById.load(schedule.courseId);
      if (course?.instructorId !== signedIn.id) {
        throw forbidden("Only the course's instructor or an admin can see attendance.");
      }
    }
    return loaders.attendanceBySchedule.load(schedule.id);
  },
};
