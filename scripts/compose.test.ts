import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../subgraphs/shared/config';
import { SUPERGRAPH_PATH, composeSupergraph } from './compose-supergraph';
import { readSupergraphConfig } from './supergraph-config';

describe('supergraph composition', () => {
  const result = composeSupergraph();

  it('composes without errors', () => {
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('matches the committed schema/supergraph.graphql (run `npm run compose`)', () => {
    if (!result.ok) throw new Error('composition failed');
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(result.supergraphSdl);
  });

  it('routes every subgraph of supergraph.yaml to its routing_url', () => {
    const committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
    for (const [name, subgraph] of Object.entries(readSupergraphConfig().subgraphs)) {
      expect(committed).toContain(`name: "${name}", url: "${subgraph.routing_url}"`);
    }
  });

  it('pins the federation version of the installed @apollo/composition', () => {
    const manifest = path.join(REPO_ROOT, 'node_modules', '@apollo', 'composition', 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    expect(readSupergraphConfig().federation_version).toBe(`=${version}`);
  });
});
