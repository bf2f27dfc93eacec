import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../subgraphs/shared/config';

// Generated resolver types are committed (readable in review, no build step before tsc);
// this fails when a schema.graphql changed without `npm run codegen`. graphql-codegen's CLI
// loads ESM-only code that jest's module system cannot, so it runs in its own process.
describe('graphql-codegen output', () => {
  it('is up to date with every subgraph schema', () => {
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, ['scripts/codegen-check.ts'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      checked?: string[];
      stale?: string[];
    };
    expect(report.checked).toHaveLength(5);
    expect(report.stale).toEqual([]);
    expect(run.status).toBe(0);
  });
});
