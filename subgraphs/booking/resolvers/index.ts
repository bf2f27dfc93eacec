import { DateTimeScalar } from '../../shared/scalars';
import type { Resolvers } from '../generated/graphql';
import { Booking } from './Booking';
import { Course } from './Course';
import { Enrollment } from './Enrollment';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  Booking,
  Enrollment,
  User,
  Course,
};
