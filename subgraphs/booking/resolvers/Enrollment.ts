import { isSelfOrAdmin } from '../../shared/auth/viewer';
import type { EnrollmentResolvers } from '../generated/graphql';

export const Enrollment: EnrollmentResolvers = {
  // As for bookings: visible by reference to its student and to admins, null to others.
  // Instructors see their courses' enrollments through Query.courseEnrollments.
  __resolveReference: async ({ id }, { viewer, loaders }) => {
    const enrollment = await loaders.enrollmentById.load(id);
    return enrollment && isSelfOrAdmin(viewer, enrollment.userId) ? enrollment : null;
  },
  user: (enrollment) => ({ id: enrollment.userId }),
  course: (enrollment) => ({ id: enrollment.courseId }),
};
