import type { CourseResolvers } from '../generated/graphql';
import { timingOf } from '../services/course-schedules';
import { priceOf } from '../services/money';

export const Course: CourseResolvers = {
  // Deliberately not filtered by visibility: a reference from another subgraph (a student's
  // booking or enrollment) means the link to this course already exists, whatever its status.
  __resolveReference: ({ id }, { loaders }) => loaders.courseById.load(id),
  price: (course) => priceOf(course),
  instructor: (course) => ({ id: course.instructorId }),
  sections: (course, _args, { loaders }) => loaders.sectionsByCourse.load(course.id),
  schedules: (course, { upcoming }, { loaders }) =>
    loaders.schedulesByCourse.load({ courseId: course.id, timing: timingOf(upcoming) }),
};
