import { Client } from 'pg';
import type { DatabaseConfig } from '../config';
import { SUBGRAPH_NAMES, TOPOLOGY, type SubgraphName } from '../topology';

/** Schema for extensions every service may call (pg_trgm, btree_gist); it holds no tables. */
export const EXTENSIONS_SCHEMA = 'extensions';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The same server and credentials as `url`, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Creates the database if it is missing (CREATE DATABASE cannot run in a transaction). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${ident(database)}`).catch((error: unknown) => {
        // Another process created it between our check and our CREATE: fine.
        if ((error as { code?: string }).code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** The statements that give one subgraph its role and schema, and nothing more. */
export function serviceRoleStatements(
  service: SubgraphName,
  password: string,
  database: string,
): string[] {
  const { role, schema } = TOPOLOGY[service];
  return [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}) THEN
         CREATE ROLE ${ident(role)} LOGIN;
       END IF;
     END $$`,
    `ALTER ROLE ${ident(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
       NOBYPASSRLS NOINHERIT CONNECTION LIMIT 50 PASSWORD ${literal(password)}`,
    `ALTER ROLE ${ident(role)} SET search_path = ${ident(schema)}`,
    `CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${ident(role)}`,
    `ALTER SCHEMA ${ident(schema)} OWNER TO ${ident(role)}`,
    `REVOKE ALL ON SCHEMA ${ident(schema)} FROM PUBLIC`,
    `GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(role)}`,
    `GRANT USAGE ON SCHEMA ${ident(EXTENSIONS_SCHEMA)} TO ${ident(role)}`,
  ];
}

/**
 * Idempotently lays out the contract's Topology: one schema and one login role per
 * subgraph, each role owning only its schema. PUBLIC loses its defaults (connect, temp,
 * the public schema), so a role can reach nothing it was not granted here.
 */
export async function bootstrapDatabase(
  adminUrl: string,
  db: DatabaseConfig,
  passwords: Record<SubgraphName, string>,
): Promise<void> {
  await ensureDatabase(adminUrl, db.database);
  const client = new Client({ connectionString: withDatabase(adminUrl, db.database) });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Two starters racing on one cluster take turns instead of failing on CREATE ROLE.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('campus-bootstrap'))`);
    await client.query(`REVOKE ALL ON DATABASE ${ident(db.database)} FROM PUBLIC`);
    await client.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(EXTENSIONS_SCHEMA)}`);
    await client.query(`REVOKE ALL ON SCHEMA ${ident(EXTENSIONS_SCHEMA)} FROM PUBLIC`);
    // pg_trgm: substring search indexes. btree_gist: uuid equality inside a GiST
    // exclusion constraint (a room is never double-booked).
    for (const extension of ['pg_trgm', 'btree_gist']) {
      await client.query(
        `CREATE EXTENSION IF NOT EXISTS ${extension} WITH SCHEMA ${ident(EXTENSIONS_SCHEMA)}`,
      );
    }
    for (const service of SUBGRAPH_NAMES) {
      for (const sql of serviceRoleStatements(service, passwords[service], db.database)) {
        await client.query(sql);
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
