import { badUserInput } from '../../shared/errors';
import { Room } from '../entities/room';
import type { QueryResolvers } from '../generated/graphql';
import { findAvailableSchedules } from '../services/available-schedules';
import { listCourses } from '../services/course-list';
import { SLUG_MAX } from '../services/course-fields';
import { requireUuid } from '../../shared/ids';
import { exactText } from '../../shared/validation';
import { canSeeCourse } from '../services/visibility';

export const Query: QueryResolvers = {
  courses: (_parent, { first, after, filter }, { db, viewer }) =>
    listCourses(db, viewer, { first, after }, filter ?? {}),

  course: async (_parent, { id, slug }, { viewer, loaders }) => {
    if ((id == null) === (slug == null)) {
      throw badUserInput('id', 'Give exactly one of id and slug.');
    }
    if (id != null) requireUuid('id', id);
    const course = await (id != null
      ? loaders.courseById.load(id)
      : // Not held to the slug format: a slug that cannot exist is simply not found.
        loaders.courseBySlug.load(exactText('slug', slug as string, SLUG_MAX)));
    // A course the viewer may not see is reported exactly like a missing one.
    return course && canSeeCourse(viewer, course) ? course : null;
  },

  rooms: (_parent, _args, { db }) => db.getRepository(Room).find({ order: { name: 'ASC' } }),

  availableSchedules: (_parent, window, { db }) => findAvailableSchedules(db, window),
};
