import { DateTimeScalar } from '../../shared/scalars';
import type { Resolvers } from '../generated/graphql';
import { Query } from './Query';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  User,
};
