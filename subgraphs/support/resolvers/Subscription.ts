import type { SubscriptionResolvers } from '../generated/graphql';
import type { SupportMessage } from '../entities/support-message';
import type { SupportSession } from '../entities/support-session';
import { createLoaders, type Context } from '../loaders';
import { followSupportMessages } from '../services/follow-messages';
import { followSupportQueue } from '../services/follow-queue';
import { followSupportSession } from '../services/follow-session';

/**
 * graphql-ws builds one context per subscription, and every event is executed with it:
 * each event gets fresh loaders, as a new request would, so a session cached by an
 * earlier event (its status, say) is never served stale.
 */
function asNewRequest<T>(payload: T, ctx: Context): T {
  ctx.loaders = createLoaders(ctx.db);
  return payload;
}

export const Subscription: SubscriptionResolvers = {
  supportMessageAdded: {
    subscribe: (_parent, { sessionId, after }, ctx) =>
      followSupportMessages(ctx, ctx.viewer, { sessionId, after }),
    resolve: (message: SupportMessage, _args: unknown, ctx: Context) => asNewRequest(message, ctx),
  },
  supportSessionUpdated: {
    subscribe: (_parent, { sessionId }, ctx) => followSupportSession(ctx, ctx.viewer, sessionId),
    resolve: (session: SupportSession, _args: unknown, ctx: Context) => asNewRequest(session, ctx),
  },
  supportQueueUpdated: {
    subscribe: (_parent, _args, ctx) => followSupportQueue(ctx, ctx.viewer),
    resolve: (session: SupportSession, _args: unknown, ctx: Context) => asNewRequest(session, ctx),
  },
};
