import { DateTimeScalar } from '../../shared/scalars';
import type { Resolvers } from '../generated/graphql';
import { Query } from './Query';
import { SupportMessage } from './SupportMessage';
import { SupportSession } from './SupportSession';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  User,
  SupportSession,
  SupportMessage,
};
