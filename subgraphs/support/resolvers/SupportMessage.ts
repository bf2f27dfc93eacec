import type { SupportMessageResolvers } from '../generated/graphql';

export const SupportMessage: SupportMessageResolvers = {
  session: async (message, _args, { loaders }) => {
    const session = await loaders.sessionById.load(message.sessionId);
    // A foreign key ties every message to its session, so this is a broken invariant.
    if (!session) throw new Error(`Support message ${message.id} has no session`);
    return session;
  },
  sender: (message) => ({ id: message.senderId }),
};
