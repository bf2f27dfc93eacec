import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Query limits at the front door (graphql-armor): depth, cost, aliases, directives and
 * tokens, so one request cannot fan out into unbounded subgraph work. Introspection is
 * exempt from the depth limit so Sandbox keeps working.
 */
export function queryLimits() {
  const armor = new ApolloArmor({
    maxDepth: { n: 12, ignoreIntrospection: true },
    costLimit: { maxCost: 10_000 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 50 },
    maxTokens: { n: 2_000 },
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}
