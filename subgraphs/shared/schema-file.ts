import { readFileSync } from 'node:fs';
import type { DocumentNode } from 'graphql';
import { parse } from 'graphql';

/** A subgraph's schema.graphql, parsed; the file is the one source of its SDL. */
export const loadSchemaFile = (dir: string): DocumentNode =>
  parse(readFileSync(`${dir}/schema.graphql`, 'utf8'));
