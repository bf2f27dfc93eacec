import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  me: (_parent, _args, { viewer, loaders }) =>
    viewer ? loaders.accountById.load(viewer.id) : null,
};
