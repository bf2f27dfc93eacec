import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen';
import { REPO_ROOT } from '../subgraphs/shared/config';

/**
 * `npm run codegen:check`: regenerates every subgraph's resolver types in memory and lists
 * the committed files that differ (exit 1), without writing anything.
 */
async function main(): Promise<void> {
  // generate() is typed loosely (it can also write files); with saveToFile false it
  // returns the outputs.
  const outputs = (await generate({ ...config, cwd: REPO_ROOT, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];
  const stale = outputs
    .filter((o) => readFileSync(path.resolve(REPO_ROOT, o.filename), 'utf8') !== o.content)
    .map((o) => o.filename);
  console.log(JSON.stringify({ checked: outputs.map((o) => o.filename), stale }));
  if (stale.length > 0) process.exit(1);
}

void main();
