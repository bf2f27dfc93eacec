import { DateTimeScalar } from '../../shared/scalars';
import type { Resolvers } from '../generated/graphql';
import { AttendanceRecord } from './AttendanceRecord';
import { ClassSchedule } from './ClassSchedule';
import { Course } from './Course';
import { CourseSection } from './CourseSection';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Course,
  CourseSection,
  ClassSchedule,
  AttendanceRecord,
  User,
};
