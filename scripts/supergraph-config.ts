import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { REPO_ROOT } from '../subgraphs/shared/config';

const SupergraphConfigSchema = z.object({
  federation_version: z.string(),
  subgraphs: z.record(
    z.string(),
    z.object({ routing_url: z.string().url(), schema: z.object({ file: z.string() }) }),
  ),
});

export type SupergraphConfig = z.infer<typeof SupergraphConfigSchema>;

export const SUPERGRAPH_CONFIG_PATH = path.join(REPO_ROOT, 'supergraph.yaml');

/** supergraph.yaml, in Rover's format, validated. */
export function readSupergraphConfig(file = SUPERGRAPH_CONFIG_PATH): SupergraphConfig {
  return SupergraphConfigSchema.parse(parseYaml(readFileSync(file, 'utf8')));
}
