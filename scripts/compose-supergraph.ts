import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { REPO_ROOT } from '../subgraphs/shared/config';
import { readSupergraphConfig } from './supergraph-config';

export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

export type CompositionResult =
  { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** Composes the subgraphs named in supergraph.yaml, as `rover supergraph compose` would. */
export function composeSupergraph(): CompositionResult {
  const config = readSupergraphConfig();
  const services = Object.entries(config.subgraphs).map(([name, subgraph]) => ({
    name,
    url: subgraph.routing_url,
    typeDefs: parse(readFileSync(path.resolve(REPO_ROOT, subgraph.schema.file), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return {
    ok: true,
    supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`,
    hints: result.hints.map((h) => h.toString()),
  };
}
