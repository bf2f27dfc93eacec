import { Kind, parse, type ConstDirectiveNode } from 'graphql';

const argument = (directive: ConstDirectiveNode, name: string) =>
  directive.arguments?.find((a) => a.name.value === name)?.value;

/**
 * Which subgraph resolves each Subscription field, read from the supergraph's join
 * directives: `@join__field(graph: SUPPORT)` on the field (or the only `@join__type` of
 * Subscription), and `@join__graph(name: "support")` on that enum value.
 */
export function subscriptionOwners(supergraphSdl: string): Map<string, string> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = graph && argument(graph, 'name');
        if (name?.kind === Kind.STRING) graphNames.set(value.name.value, name.value);
      }
    }
  }
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION ||
      definition.name.value !== 'Subscription'
    ) {
      continue;
    }
    const typeGraphs = (definition.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => argument(d, 'graph'));
    for (const field of definition.fields ?? []) {
      const joined = field.directives?.find((d) => d.name.value === 'join__field');
      const graph = (joined && argument(joined, 'graph')) ?? typeGraphs[0];
      if (graph?.kind === Kind.ENUM) {
        const name = graphNames.get(graph.value);
        if (name) owners.set(field.name.value, name);
      }
    }
  }
  return owners;
}
