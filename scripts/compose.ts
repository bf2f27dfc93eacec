import { writeFileSync } from 'node:fs';
import { SUPERGRAPH_PATH, composeSupergraph } from './compose-supergraph';

/** `npm run compose`: writes schema/supergraph.graphql or prints why it cannot. */
const result = composeSupergraph();
if (!result.ok) {
  console.error(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
for (const hint of result.hints) console.warn(`hint: ${hint}`);
writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
console.log(`Wrote ${SUPERGRAPH_PATH}`);
