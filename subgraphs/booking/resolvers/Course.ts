import { keyOnly } from '../../shared/federation';
import type { CourseResolvers } from '../generated/graphql';

export const Course: CourseResolvers = {
  // The course subgraph owns the course and its visibility; booking adds seat figures.
  __resolveReference: keyOnly,
  enrollmentCount: (course, _args, { loaders }) => loaders.enrollmentCountByCourse.load(course.id),
  seatsLeft: (course, _args, { loaders }) => loaders.seatsLeftByCourse.load(course.id),
  viewerBooking: (course, _args, { viewer, loaders }) =>
    viewer
      ? loaders.liveBookingByUserAndCourse.load({ userId: viewer.id, courseId: course.id })
      : null,
};
