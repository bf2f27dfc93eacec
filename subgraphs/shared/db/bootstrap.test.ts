import { Client } from 'pg';
import { testConfig } from '../../../test/helpers';
import type { CampusConfig } from '../config';
import { SUBGRAPH_NAMES, TOPOLOGY, type SubgraphName } from '../topology';
import { bootstrapDatabase } from './bootstrap';

async function connectAs(config: CampusConfig, service: SubgraphName): Promise<Client> {
  const client = new Client({
    host: config.db.host,
    port: config.db.port,
    database: config.db.database,
    user: TOPOLOGY[service].role,
    password: config.dbPasswords[service],
  });
  await client.connect();
  return client;
}

const sqlState = (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => undefined,
    (error: { code?: string }) => error.code,
  );

describe('database bootstrap', () => {
  let config: CampusConfig;
  beforeAll(async () => {
    config = await testConfig();
  });

  const admin = () => new Client({ connectionString: config.adminDatabaseUrl });

  it('is idempotent: running it again changes no role or schema', async () => {
    const snapshot = async () => {
      const client = admin();
      await client.connect();
      try {
        const roles = await client.query(
          `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolbypassrls
             FROM pg_roles WHERE rolname LIKE '%\\_svc' ORDER BY rolname`,
        );
        const schemas = await client.query(
          `SELECT nspname, pg_get_userbyid(nspowner) AS owner, nspacl::text AS acl
             FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY nspname`,
        );
        return { roles: roles.rows, schemas: schemas.rows };
      } finally {
        await client.end();
      }
    };
    const before = await snapshot();
    await bootstrapDatabase(config.adminDatabaseUrl ?? '', config.db, config.dbPasswords);
    await bootstrapDatabase(config.adminDatabaseUrl ?? '', config.db, config.dbPasswords);
    expect(await snapshot()).toEqual(before);
    expect(before.roles).toHaveLength(SUBGRAPH_NAMES.length);
    for (const role of before.roles) {
      expect(role).toMatchObject({
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolbypassrls: false,
      });
    }
    for (const name of SUBGRAPH_NAMES) {
      expect(before.schemas).toContainEqual(
        expect.objectContaining({ nspname: TOPOLOGY[name].schema, owner: TOPOLOGY[name].role }),
      );
    }
  });

  // Each role makes a table in its own schema, so the others have a real target to be refused.
  beforeAll(async () => {
    for (const service of SUBGRAPH_NAMES) {
      const owner = await connectAs(config, service);
      const schema = TOPOLOGY[service].schema;
      await owner.query(`CREATE TABLE IF NOT EXISTS "${schema}"."isolation_probe" (id int)`);
      await owner.end();
    }
  });
  afterAll(async () => {
    for (const service of SUBGRAPH_NAMES) {
      const owner = await connectAs(config, service);
      await owner.query(`DROP TABLE IF EXISTS "${TOPOLOGY[service].schema}"."isolation_probe"`);
      await owner.end();
    }
  });

  describe.each(SUBGRAPH_NAMES)('role of %s', (service) => {
    let client: Client;
    beforeAll(async () => {
      client = await connectAs(config, service);
    });
    afterAll(() => client.end());

    it('may create and use tables in its own schema', async () => {
      const schema = TOPOLOGY[service].schema;
      await client.query(`INSERT INTO "${schema}"."isolation_probe" VALUES (1)`);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "${schema}"."isolation_probe"`,
      );
      expect(rows[0].n).toBeGreaterThan(0);
    });

    it.each(SUBGRAPH_NAMES.filter((other) => other !== service))(
      'is denied every table of schema %s',
      async (other) => {
        const schema = TOPOLOGY[other].schema;
        // 42501: insufficient_privilege, on a table that exists (made by its owner below).
        expect(await sqlState(client.query(`SELECT * FROM "${schema}"."isolation_probe"`))).toBe(
          '42501',
        );
        expect(await sqlState(client.query(`DELETE FROM "${schema}"."isolation_probe"`))).toBe(
          '42501',
        );
        expect(await sqlState(client.query(`CREATE TABLE "${schema}"."intruder" (id int)`))).toBe(
          '42501',
        );
      },
    );

    it('cannot create tables in public or create schemas', async () => {
      expect(await sqlState(client.query('CREATE TABLE public.intruder (id int)'))).toBe('42501');
      expect(await sqlState(client.query('CREATE SCHEMA intruder'))).toBe('42501');
    });
  });
});
