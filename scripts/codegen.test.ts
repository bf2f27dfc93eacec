import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../subgraphs/shared/config';

interface Report {
  checked?: string[];
  stale?: string[];
  error?: string;
}

// graphql-codegen's CLI loads ESM-only code that jest's module system cannot, so the check
// runs in its own process.
function check(env: Record<string, string> = {}): { status: number | null; report: Report } {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const run = spawnSync(tsx, ['scripts/codegen-check.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const last = run.stdout.trim().split('\n').at(-1) || JSON.stringify({ error: run.stderr });
  return { status: run.status, report: JSON.parse(last) as Report };
}

// Generated types are committed (readable in review, no build step before tsc): resolver
// types per subgraph, and the clients' typed documents with their persisted-documents
// manifest. This fails when a schema or an operation changed without `npm run codegen`.
describe('graphql-codegen output', () => {
  it('is up to date with every subgraph schema, the supergraph and the clients’ operations', () => {
    const { status, report } = check();
    expect(report.error).toBeUndefined();
    expect(report.checked).toEqual(
      expect.arrayContaining([
        ...['auth', 'users', 'course', 'booking', 'support'].map(
          (name) => `subgraphs/${name}/generated/graphql.ts`,
        ),
        'clients/generated/graphql.ts',
        'clients/generated/persisted-documents.json',
      ]),
    );
    expect(report.stale).toEqual([]);
    expect(status).toBe(0);
  });

  it('fails when the supergraph no longer serves an operation of the clients', () => {
    // The supergraph as if auth had renamed refreshToken: campus-client's RefreshToken breaks.
    const dir = mkdtempSync(path.join(tmpdir(), 'campus-codegen-'));
    try {
      const supergraph = readFileSync(path.join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8');
      const broken = supergraph.replace(/^(\s*)refreshToken\(/m, '$1renewToken(');
      expect(broken).not.toBe(supergraph);
      const file = path.join(dir, 'supergraph.graphql');
      writeFileSync(file, broken);
      const { status, report } = check({ CODEGEN_ONLY: 'clients', CODEGEN_SUPERGRAPH: file });
      expect(status).toBe(1);
      expect(report.error).toMatch(/refreshToken/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
