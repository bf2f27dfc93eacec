import type { MutationResolvers } from '../generated/graphql';
import type { Context } from '../loaders';
import { setAccountStatus } from '../services/account-status';
import { changePassword } from '../services/change-password';
import { requestEmailVerification, verifyEmail } from '../services/email-verification';
import { logIn } from '../services/log-in';
import { logOut, logOutEverywhere } from '../services/log-out';
import { requestPasswordReset, resetPassword } from '../services/password-reset';
import { refreshSession } from '../services/refresh-session';
import type { AuthPayload } from '../services/sessions';
import { signUp } from '../services/sign-up';
import { setUserRole } from '../services/user-role';

/**
 * A successful signUp, logIn or refreshToken authenticates the rest of this request, so the
 * payload's `user { email sessions }` is the new viewer's own data, visible to them.
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

/** Thin: each field calls one service with the context (which is a ServiceContext). */
export const Mutation: MutationResolvers = {
  signUp: async (_parent, { input }, context) =>
    actAs(context, await signUp(context, input, context.client)),
  logIn: async (_parent, credentials, context) =>
    actAs(context, await logIn(context, credentials, context.client)),
  refreshToken: async (_parent, { refreshToken }, context) =>
    actAs(context, await refreshSession(context, refreshToken, context.client)),
  logOut: (_parent, _args, context) => logOut(context, context.viewer),
  logOutEverywhere: (_parent, _args, context) => logOutEverywhere(context, context.viewer),
  changePassword: (_parent, input, context) =>
    changePassword(context, context.viewer, input, context.client),
  requestPasswordReset: (_parent, { email }, context) => requestPasswordReset(context, email),
  resetPassword: (_parent, input, context) => resetPassword(context, input),
  verifyEmail: (_parent, { token }, context) => verifyEmail(context, token),
  requestEmailVerification: (_parent, _args, context) =>
    requestEmailVerification(context, context.viewer),
  setUserRole: (_parent, input, context) => setUserRole(context, context.viewer, input),
  setAccountStatus: (_parent, input, context) => setAccountStatus(context, context.viewer, input),
};
