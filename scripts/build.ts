import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../subgraphs/shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/shared/topology';

/**
 * `npm run build`: the production JavaScript in dist/ (tsconfig.build.json: CommonJS with
 * decorator metadata, only what the entry points import), plus each subgraph's
 * schema.graphql beside its compiled subgraph.js, where loadSchemaFile(__dirname) reads
 * it. Run it with `node dist/subgraphs/<name>/main.js` (`npm run start:prod:<name>`); the
 * gateway also reads schema/supergraph.graphql from the package root (SUPERGRAPH_PATH).
 */
export async function buildProduction(outDir = path.join(REPO_ROOT, 'dist')): Promise<void> {
  // Always from clean: no output of a deleted or renamed source file survives in dist/.
  rmSync(outDir, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  await promisify(execFile)(
    process.execPath,
    [tsc, '-p', path.join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', outDir],
    { cwd: REPO_ROOT },
  ).catch((error: Error & { stdout?: string }) => {
    throw new Error(`tsc failed:\n${error.stdout ?? error.message}`);
  });
  for (const name of SUBGRAPH_NAMES) {
    mkdirSync(path.join(outDir, 'subgraphs', name), { recursive: true });
    copyFileSync(
      path.join(REPO_ROOT, 'subgraphs', name, 'schema.graphql'),
      path.join(outDir, 'subgraphs', name, 'schema.graphql'),
    );
  }
}

if (require.main === module) {
  const started = Date.now();
  buildProduction().then(
    () => console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
