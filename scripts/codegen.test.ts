import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { REPO_ROOT } from '../subgraphs/shared/config';
import config from '../codegen';

// Generated resolver types are committed (readable in review, no build step before tsc);
// this fails when a schema.graphql changed without `npm run codegen`.
describe('graphql-codegen output', () => {
  it('is up to date with every subgraph schema', async () => {
    const outputs = await generate({ ...config, cwd: REPO_ROOT, silent: true }, false);
    expect(outputs.length).toBeGreaterThanOrEqual(5);
    for (const output of outputs) {
      const committed = readFileSync(path.resolve(REPO_ROOT, output.filename), 'utf8');
      expect([output.filename, committed]).toEqual([output.filename, output.content]);
    }
  });
});
