import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';

/**
 * Every bound the gateway puts on one request, in one place, for both transports (HTTP and
 * graphql-ws): the size of what arrives, the shape of `variables`, the document (tokens,
 * depth, aliases, cost, directives) and what is sent back (errors). Each check runs before
 * the work it protects: sizes before parsing, tokens while parsing, shape before coercion.
 */
export const REQUEST_LIMITS = {
  /** A JSON body over HTTP, or one graphql-ws frame. */
  bodyBytes: 512 * 1024,
  document: {
    tokens: 2_000,
    depth: 12,
    cost: 10_000,
    aliases: 20,
    directives: 50,
  },
  variables: {
    /** Nesting of objects and lists below `variables` itself. */
    depth: 8,
    /** Keys of any one object: no input type of the contract has more than a dozen fields. */
    keysPerObject: 50,
    listLength: 500,
    /** Every value, key and list item counted once. */
    nodes: 5_000,
  },
  errors: {
    /** A handful: the rest are summarised in one last error. */
    count: 5,
    messageLength: 300,
  },
} as const;

/** graphql-js counts tokens while it parses and stops at the limit: no second pass. */
export const PARSE_OPTIONS: ParseOptions = { maxTokens: REQUEST_LIMITS.document.tokens };

/**
 * Depth, cost, aliases and directives (graphql-armor's validation rules). The token limit is
 * graphql-js's own (`PARSE_OPTIONS`), and field suggestions are handled with every other
 * message in `error-shaping.ts`, where they also cover variable coercion.
 */
export function documentRules(): ValidationRule[] {
  const { document } = REQUEST_LIMITS;
  const armor = new ApolloArmor({
    maxDepth: { n: document.depth, ignoreIntrospection: true },
    costLimit: { maxCost: document.cost },
    maxAliases: { n: document.aliases },
    maxDirectives: { n: document.directives },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

/** A request refused by a limit: a GraphQL error, HTTP 400 (413 for size), never a 500. */
export const limitExceeded = (message: string, status = 400) =>
  new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status } },
  });

/**
 * The shape of `variables`, checked before anything reads it: keys per object, list
 * lengths, depth and the total count of values. Iterative and stopping at the first
 * breach, so a hostile value costs at most `nodes` steps and one short error.
 */
export function checkVariables(variables: unknown): GraphQLError | undefined {
  if (variables === undefined || variables === null) return undefined;
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    return limitExceeded('`variables` must be a JSON object.');
  }
  const limits = REQUEST_LIMITS.variables;
  const stack: { value: unknown; depth: number }[] = [{ value: variables, depth: 0 }];
  let nodes = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    nodes += 1;
    if (nodes > limits.nodes) {
      return limitExceeded(`\`variables\` may hold at most ${limits.nodes} values.`);
    }
    const { value, depth } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.depth) {
      return limitExceeded(`\`variables\` may nest at most ${limits.depth} levels deep.`);
    }
    if (Array.isArray(value)) {
      if (value.length > limits.listLength) {
        return limitExceeded(
          `A list in \`variables\` may hold at most ${limits.listLength} items.`,
        );
      }
      for (const entry of value as unknown[]) stack.push({ value: entry, depth: depth + 1 });
      continue;
    }
    let keys = 0;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      keys += 1;
      if (keys > limits.keysPerObject) {
        return limitExceeded(
          `An object in \`variables\` may have at most ${limits.keysPerObject} keys.`,
        );
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}
