import type { CourseSectionResolvers } from '../generated/graphql';

export const CourseSection: CourseSectionResolvers = {
  lessons: (section, _args, { loaders }) => loaders.lessonsBySection.load(section.id),
};
