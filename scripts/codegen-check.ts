import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen';
import { REPO_ROOT } from '../subgraphs/shared/config';

/**
 * `npm run codegen:check`: regenerates every output of codegen.ts in memory (each
 * subgraph's resolver types, the clients' typed documents and persisted-documents
 * manifest) and lists the committed files that differ (exit 1), without writing anything.
 * Codegen validates the clients' operations against the supergraph, so an operation the
 * supergraph no longer serves fails the check too (`error`, exit 1).
 */
async function main(): Promise<void> {
  // generate() is typed loosely (it can also write files); with saveToFile false it
  // returns the outputs.
  const outputs = (await generate({ ...config, cwd: REPO_ROOT, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];
  const committed = (file: string) => {
    try {
      return readFileSync(path.resolve(REPO_ROOT, file), 'utf8');
    } catch {
      return null;
    }
  };
  const stale = outputs.filter((o) => committed(o.filename) !== o.content).map((o) => o.filename);
  console.log(JSON.stringify({ checked: outputs.map((o) => o.filename), stale }));
  if (stale.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // graphql-codegen gathers the failures of every output (e.g. an invalid operation).
  const details = (error as { errors?: { message?: string; details?: string }[] }).errors
    ?.map((e) => [e.message, e.details].filter(Boolean).join('\n'))
    .join('\n');
  console.log(JSON.stringify({ error: details ? `${message}\n${details}` : message }));
  process.exit(1);
});
