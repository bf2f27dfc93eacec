import type { MutationResolvers } from '../generated/graphql';
import { logIn, signUp } from '../services/accounts';

export const Mutation: MutationResolvers = {
  signUp: (_parent, { input }, { db, config, client }) => signUp(db, config.jwt, input, client),
  logIn: (_parent, credentials, { db, config, client }) =>
    logIn(db, config.jwt, credentials, client),
};
