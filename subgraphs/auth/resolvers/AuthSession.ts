import type { AuthSessionResolvers } from '../generated/graphql';

export const AuthSession: AuthSessionResolvers = {
  current: (session, _args, { viewer }) => viewer?.sessionId === session.id,
};
