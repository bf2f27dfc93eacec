import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  isObjectType,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * How the gateway runs one client subscription. The owning subgraph streams only the ids
 * of what happened (`upstream`); for every event the gateway runs `refetch`, the client's
 * own selection on that entity, as an ordinary query through the supergraph, so fields of
 * every other subgraph are resolved as in any query (the role of the query plan's `rest`).
 */
export interface SubscriptionPlan {
  subgraph: string;
  /** The Subscription field, as the upstream result names it. */
  field: string;
  /** The client's alias or field name: where the event goes in `data`. */
  responseKey: string;
  upstream: UpstreamOperation;
  /** The upstream again, resuming after an event (fields with `after` only). */
  resumeAfter?: (id: string) => UpstreamOperation;
  refetch: { query: string; variables: (id: string) => Record<string, unknown> };
  /** Clients can share one upstream only when it replays nothing (no `after`). */
  shareable: boolean;
}

export interface UpstreamOperation {
  query: string;
  variables: Record<string, unknown>;
}

const EVENT_ID = 'campusEventId';

const invalid = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** The fragments a selection uses, transitively, so the refetch document carries no extra. */
function usedFragments(document: DocumentNode, selection: SelectionSetNode) {
  const all = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: SelectionSetNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = all.get(spread.name.value);
        if (fragment && !used.has(spread.name.value)) {
          used.set(spread.name.value, fragment);
          walk(fragment);
        }
      },
    });
  walk(selection);
  return [...used.values()];
}

function usedVariables(nodes: readonly (SelectionSetNode | FragmentDefinitionNode)[]) {
  const names = new Set<string>();
  for (const node of nodes) visit(node, { Variable: (v) => void names.add(v.name.value) });
  return names;
}

export function planSubscription(
  schema: GraphQLSchema,
  owners: ReadonlyMap<string, string>,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): SubscriptionPlan {
  const operation = getOperationAST(document, operationName);
  const root = operation?.selectionSet.selections[0];
  const subscriptionType = schema.getSubscriptionType();
  if (operation?.operation !== 'subscription' || !subscriptionType) {
    throw invalid('Not a subscription operation.');
  }
  if (root?.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1) {
    throw invalid('A subscription selects exactly one field, directly.');
  }
  const fieldNode: FieldNode = root;
  const name = fieldNode.name.value;
  const field = subscriptionType.getFields()[name];
  const subgraph = owners.get(name);
  if (!field || !subgraph || !fieldNode.selectionSet) {
    throw invalid(`The gateway cannot route subscription field ${name}.`);
  }

  // The entity each event is about, and the query that reads it by id.
  const payload = getNamedType(field.type);
  const queryField =
    isObjectType(payload) &&
    Object.values(schema.getQueryType()?.getFields() ?? {}).find(
      (candidate) =>
        getNamedType(candidate.type) === payload &&
        candidate.args.length === 1 &&
        candidate.args[0]?.name === 'id',
    );
  if (!queryField) throw invalid(`No query reads a ${payload.name} by id.`);

  const args = getArgumentValues(field, fieldNode, variables);
  const upstreamWith = (values: Record<string, unknown>): UpstreamOperation => {
    const given = field.args.filter((a) => values[a.name] !== undefined && values[a.name] !== null);
    const definitions = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const argumentList = given.map((a) => `${a.name}: $${a.name}`).join(', ');
    return {
      query:
        `subscription CampusUpstream${definitions ? `(${definitions})` : ''} ` +
        `{ ${name}${argumentList ? `(${argumentList})` : ''} { id } }`,
      variables: Object.fromEntries(given.map((a) => [a.name, values[a.name]])),
    };
  };
  const upstream = upstreamWith(args);
  const resumable = field.args.some((a) => a.name === 'after');

  const responseKey = fieldNode.alias?.value ?? name;
  const fragments = usedFragments(document, fieldNode.selectionSet);
  const variableNames = usedVariables([fieldNode.selectionSet, ...fragments]);
  const variableDefinitions = (operation.variableDefinitions ?? []).filter((d) =>
    variableNames.has(d.variable.name.value),
  );
  const refetchQuery = [
    `query CampusSubscriptionEvent(${[`$${EVENT_ID}: ID!`, ...variableDefinitions.map(print)].join(', ')}) {`,
    `  ${responseKey}: ${queryField.name}(id: $${EVENT_ID}) ${print(fieldNode.selectionSet)}`,
    '}',
    ...fragments.map(print),
  ].join('\n');
  const passedVariables = Object.fromEntries(
    [...variableNames].filter((v) => v in variables).map((v) => [v, variables[v]]),
  );

  return {
    subgraph,
    field: name,
    responseKey,
    upstream,
    resumeAfter: resumable ? (id) => upstreamWith({ ...args, after: id }) : undefined,
    refetch: {
      query: refetchQuery,
      variables: (id) => ({ ...passedVariables, [EVENT_ID]: id }),
    },
    shareable: args.after === undefined || args.after === null,
  };
}
