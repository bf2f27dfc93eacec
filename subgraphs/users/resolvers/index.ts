import { DateTimeScalar } from '../../shared/scalars';
import type { Resolvers } from '../generated/graphql';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Mutation,
  Query,
  User,
};
