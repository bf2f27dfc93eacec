import { keyOnly } from '../../shared/federation';
import type { UserResolvers } from '../generated/graphql';
import { canSeeCourse } from '../services/visibility';

export const User: UserResolvers = {
  // The auth subgraph owns users; this one only contributes taughtCourses to them.
  __resolveReference: keyOnly,
  // The loader returns all of an instructor's courses (it cannot know the viewer); the few
  // a viewer may not see are dropped here.
  taughtCourses: async (user, _args, { viewer, loaders }) =>
    (await loaders.coursesByInstructor.load(user.id)).filter((course) =>
      canSeeCourse(viewer, course),
    ),
};
