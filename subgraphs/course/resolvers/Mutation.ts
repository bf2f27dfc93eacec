import type { MutationResolvers } from '../generated/graphql';
import { addCourseSection } from '../services/add-course-section';
import { addLesson } from '../services/add-lesson';
import { archiveCourse, publishCourse } from '../services/course-status';
import { createCourse } from '../services/create-course';
import { createRoom } from '../services/create-room';
import { recordAttendance } from '../services/record-attendance';
import { scheduleClass } from '../services/schedule-class';
import { updateCourse } from '../services/update-course';

// Thin: every rule (authorization, validation, events) lives in the services, which the
// seed calls too. The resolver context is a ServiceContext plus the viewer.
export const Mutation: MutationResolvers = {
  createCourse: (_parent, { input }, ctx) => createCourse(ctx, ctx.viewer, input),
  updateCourse: (_parent, { id, input }, ctx) => updateCourse(ctx, ctx.viewer, id, input),
  publishCourse: (_parent, { id }, ctx) => publishCourse(ctx, ctx.viewer, id),
  archiveCourse: (_parent, { id }, ctx) => archiveCourse(ctx, ctx.viewer, id),
  addCourseSection: (_parent, { courseId, title }, ctx) =>
    addCourseSection(ctx, ctx.viewer, courseId, title),
  addLesson: (_parent, { sectionId, input }, ctx) => addLesson(ctx, ctx.viewer, sectionId, input),
  createRoom: (_parent, { input }, ctx) => createRoom(ctx, ctx.viewer, input),
  scheduleClass: (_parent, { input }, ctx) => scheduleClass(ctx, ctx.viewer, input),
  recordAttendance: (_parent, { scheduleId, studentId, status }, ctx) =>
    recordAttendance(ctx, ctx.viewer, scheduleId, studentId, status),
};
