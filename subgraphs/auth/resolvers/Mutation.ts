import type { MutationResolvers } from '../generated/graphql';
import { logIn, signUp } from '../services/accounts';
import type { AuthPayload } from '../services/sessions';
import type { Context } from '../loaders';

/**
 * A successful signUp or logIn authenticates the rest of this request, so the payload's
 * `user { email sessions }` is the new viewer's own data, visible to them.
 */
function actAs(context: Context, payload: AuthPayload): AuthPayload {
  context.viewer = {
    id: payload.user.id,
    role: payload.user.role,
    sessionId: payload.sessionId,
    tokenId: payload.tokenId,
  };
  return payload;
}

export const Mutation: MutationResolvers = {
  signUp: async (_parent, { input }, context) =>
    actAs(context, await signUp(context.db, context.config.jwt, input, context.client)),
  logIn: async (_parent, credentials, context) =>
    actAs(context, await logIn(context.db, context.config.jwt, credentials, context.client)),
};
