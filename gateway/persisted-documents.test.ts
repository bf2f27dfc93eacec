import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, ExecutionResult } from 'graphql-ws';
import type { TrustedDocumentsConfig } from '../subgraphs/shared/config';
import { connectRedis, redisReady } from '../subgraphs/shared/redis/connection';
import { eventually, testLog } from '../test/helpers';
import { redisServerAvailable, startTestRedis, type TestRedis } from '../test/redis-server';
import { postGraphQL, startSupergraph, type RunningSupergraph } from '../test/supergraph';
import { wsClient } from '../test/ws';
import { createGateway, type CampusGateway } from './app';
import {
  NOT_TRUSTED_MESSAGE,
  loadManifest,
  memoryApqStore,
  persistedDocuments,
  sha256Hex,
} from './persisted-documents';

const COURSES = `query Courses { courses(first: 2) { edges { node { slug title } } } }`;
const MESSAGES = `subscription Messages($sessionId: ID!) { supportMessageAdded(sessionId: $sessionId) { body sender { name } } }`;
const TOO_DEEP = `query TooDeep { me { ${'taughtCourses { instructor { '.repeat(7)}id${' } }'.repeat(7)} } }`;
const AD_HOC = `{ courses(first: 1) { totalCount } }`;

interface Courses {
  courses: { edges: { node: { slug: string; title: string } }[] };
}

const persisted = (query: string) => ({
  persistedQuery: { version: 1, sha256Hash: sha256Hex(query) },
});

/** POSTs a raw GraphQL body (hash, query or both), as Apollo Client or urql would. */
async function post(url: string, body: Record<string, unknown>, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

/** Runs one operation over graphql-ws and collects what comes back (results or errors). */
function overSocket(
  client: Client,
  payload: { query: string; variables?: Record<string, unknown>; extensions?: unknown },
) {
  const results: ExecutionResult[] = [];
  let stop: () => void = () => undefined;
  const done = new Promise<{ errors?: readonly { message: string; extensions?: unknown }[] }>(
    (resolve) => {
      stop = client.subscribe(payload as never, {
        next: (result) => void results.push(result as ExecutionResult),
        error: (error) =>
          resolve({
            errors: Array.isArray(error) ? (error as { message: string }[]) : [error as Error],
          }),
        complete: () => resolve({}),
      });
    },
  );
  return { results, done, stop };
}

const codeOf = (error: { extensions?: unknown } | undefined) =>
  (error?.extensions as { code?: string } | undefined)?.code;

describe('persisted documents: the manifest and the resolution', () => {
  let dir: string;
  const manifestFile = (content: unknown) => {
    const file = path.join(dir, `${randomUUID()}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const configFor = (
    mode: TrustedDocumentsConfig['mode'],
    manifestPath: string,
    manifestNamed = true,
  ): TrustedDocumentsConfig => ({ mode, manifestPath, manifestNamed });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'campus-manifest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the client preset’s manifest: keys in hex or `sha256:<hex>`, checked against the text', () => {
    const file = manifestFile({
      [sha256Hex(COURSES)]: COURSES,
      [`sha256:${sha256Hex(MESSAGES)}`]: MESSAGES,
    });
    const manifest = loadManifest(file);
    expect(manifest.get(sha256Hex(COURSES))).toBe(COURSES);
    expect(manifest.get(sha256Hex(MESSAGES))).toBe(MESSAGES);
    expect(() => loadManifest(manifestFile({ [sha256Hex('{ a }')]: COURSES }))).toThrow(
      /not the SHA-256 of its document/,
    );
    expect(() => loadManifest(manifestFile('{ not json'))).toThrow(/not JSON/);
    expect(() => loadManifest(manifestFile({ [sha256Hex('{')]: '{' }))).toThrow(/does not parse/);
  });

  it('refuses to enforce without a readable, non-empty manifest', () => {
    const missing = path.join(dir, 'missing.json');
    expect(() => persistedDocuments(configFor('enforce', missing, false), testLog)).toThrow(
      /TRUSTED_DOCUMENTS=enforce needs the manifest/,
    );
    expect(() => persistedDocuments(configFor('enforce', manifestFile({})), testLog)).toThrow(
      /holds no documents/,
    );
    // A file named by PERSISTED_DOCUMENTS_FILE must exist in any mode; the default may not.
    expect(() => persistedDocuments(configFor('apq', missing), testLog)).toThrow(/Cannot read/);
    expect(persistedDocuments(configFor('apq', missing, false), testLog).manifestSize).toBe(0);
  });

  it('checks the hash a query comes with, and its version', async () => {
    const documents = persistedDocuments(configFor('apq', manifestFile({})), testLog);
    const mismatch = await documents.resolveDocument({
      query: AD_HOC,
      extensions: persisted(COURSES),
    });
    expect(mismatch).toEqual({
      refused: expect.objectContaining({
        status: 400,
        message: 'provided sha does not match query',
        code: 'BAD_USER_INPUT',
      }),
    });
    const version = await documents.resolveDocument({
      extensions: { persistedQuery: { version: 2, sha256Hash: sha256Hex(COURSES) } },
    });
    expect(version).toMatchObject({ refused: { status: 400, code: 'BAD_USER_INPUT' } });
    // A plain query outside enforce is passed on untouched.
    expect(await documents.resolveDocument({ query: AD_HOC })).toEqual({
      query: AD_HOC,
      extensions: undefined,
      rewritten: false,
    });
  });

  it('keeps registered queries in a bounded LRU', async () => {
    const store = memoryApqStore({ entries: 2, characters: 1_000 });
    await store.set('a', 'A');
    await store.set('b', 'B');
    await store.get('a'); // used: b is now the oldest
    await store.set('c', 'C');
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('A');
    // Bounded by characters too: one large entry pushes out both small ones.
    await store.set('big', 'x'.repeat(1_000));
    expect([await store.get('a'), await store.get('c')]).toEqual([undefined, undefined]);
    expect(await store.get('big')).toHaveLength(1_000);
  });

  const describeWithRedis = redisServerAvailable() ? describe : describe.skip;
  describeWithRedis('on Redis (REDIS_URL)', () => {
    let redis: TestRedis;
    beforeAll(async () => {
      redis = await startTestRedis();
    });
    afterAll(async () => redis?.stop());

    it('a query registered at one gateway instance runs by hash at another', async () => {
      const a = connectRedis(redis.url, testLog, 'apq-a');
      const b = connectRedis(redis.url, testLog, 'apq-b');
      try {
        await Promise.all([redisReady(a), redisReady(b)]);
        const config = configFor('apq', manifestFile({}));
        const first = persistedDocuments(config, testLog, { redis: a });
        const second = persistedDocuments(config, testLog, { redis: b });
        const hashOnly = { extensions: persisted(AD_HOC) };
        expect(await second.resolveDocument(hashOnly)).toMatchObject({
          refused: { code: 'PERSISTED_QUERY_NOT_FOUND' },
        });
        await first.resolveDocument({ query: AD_HOC, ...hashOnly });
        expect(await second.resolveDocument(hashOnly)).toMatchObject({ query: AD_HOC });
        expect(await a.ttl(`campus:apq:${sha256Hex(AD_HOC)}`)).toBeGreaterThan(0);
      } finally {
        a.disconnect();
        b.disconnect();
      }
    });
  });
});

describe('persisted documents through the gateway (HTTP and graphql-ws)', () => {
  let supergraph: RunningSupergraph;
  let dir: string;
  let manifestPath: string;
  let apq: CampusGateway;
  let apqUrl: string;
  let enforce: CampusGateway;
  let enforceUrl: string;
  const clients: Client[] = [];
  const socket = (url: string, token?: string) => {
    const client = wsClient(url, { token });
    clients.push(client);
    return client;
  };

  const gatewayIn = async (mode: TrustedDocumentsConfig['mode']) => {
    const gateway = createGateway(
      { ...supergraph.config, trustedDocuments: { mode, manifestPath, manifestNamed: true } },
      testLog,
    );
    await gateway.start();
    return { gateway, url: await gateway.listen(0) };
  };

  beforeAll(async () => {
    supergraph = await startSupergraph();
    dir = mkdtempSync(path.join(tmpdir(), 'campus-manifest-'));
    manifestPath = path.join(dir, 'persisted-documents.json');
    // As the client preset writes it (keys prefixed with the algorithm), plus one bare key.
    writeFileSync(
      manifestPath,
      JSON.stringify({
        [`sha256:${sha256Hex(COURSES)}`]: COURSES,
        [`sha256:${sha256Hex(MESSAGES)}`]: MESSAGES,
        [sha256Hex(TOO_DEEP)]: TOO_DEEP,
      }),
    );
    ({ gateway: apq, url: apqUrl } = await gatewayIn('apq'));
    ({ gateway: enforce, url: enforceUrl } = await gatewayIn('enforce'));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await Promise.all([apq?.stop(), enforce?.stop()]);
    await supergraph?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('by default (apq)', () => {
    it('runs a manifest document by its hash, over POST and GET', async () => {
      const { status, body } = await post(apqUrl, { extensions: persisted(COURSES) });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect((body.data as unknown as Courses).courses.edges).toHaveLength(2);

      const search = new URLSearchParams({
        extensions: JSON.stringify({
          persistedQuery: { version: 1, sha256Hash: `sha256:${sha256Hex(COURSES)}` },
        }),
      });
      const response = await fetch(`${apqUrl}?${search}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(response.status).toBe(200);
      const got = (await response.json()) as { data: Courses };
      expect(got.data.courses.edges).toHaveLength(2);
    });

    it('answers an unknown hash with PersistedQueryNotFound', async () => {
      const { status, body } = await post(apqUrl, { extensions: persisted(`{ unknown }`) });
      expect(status).toBe(200);
      expect(body.errors).toEqual([
        { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ]);
    });

    it('registers a query sent with its hash (automatic persisted queries)', async () => {
      const query = `{ courses(first: 1) { totalCount } } # ${randomUUID()}`;
      const hashOnly = { extensions: persisted(query) };
      expect((await post(apqUrl, hashOnly)).body.errors?.[0]?.message).toBe(
        'PersistedQueryNotFound',
      );
      const registered = await post(apqUrl, { query, ...hashOnly });
      expect(registered.body.data).toEqual({ courses: { totalCount: expect.any(Number) } });
      const byHash = await post(apqUrl, hashOnly);
      expect(byHash.body).toEqual(registered.body);

      const wrong = await post(apqUrl, { query: AD_HOC, ...hashOnly });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors?.[0]).toMatchObject({
        message: 'provided sha does not match query',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('still runs ad-hoc queries and introspection (Sandbox works)', async () => {
      const { body } = await postGraphQL(apqUrl, '{ __schema { queryType { name } } }');
      expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      const page = await fetch(apqUrl, { headers: { accept: 'text/html' } });
      expect(await page.text()).toMatch(/sandbox/i);
    });

    it('applies the limits to the document a hash stands for', async () => {
      const { status, body } = await post(apqUrl, { extensions: persisted(TOO_DEEP) });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.message).toMatch(/depth/i);
    });

    it('over graphql-ws: a hash alone (query "") runs; an unknown one is not found', async () => {
      const client = socket(apqUrl);
      const known = overSocket(client, { query: '', extensions: persisted(COURSES) });
      expect(await known.done).toEqual({});
      expect((known.results[0]?.data as unknown as Courses).courses.edges).toHaveLength(2);

      const unknown = overSocket(client, { query: '', extensions: persisted('{ nope }') });
      const { errors } = await unknown.done;
      expect(errors?.[0]?.message).toBe('PersistedQueryNotFound');
      expect(codeOf(errors?.[0])).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });

  describe('TRUSTED_DOCUMENTS=enforce', () => {
    const notAllowed = {
      message: NOT_TRUSTED_MESSAGE,
      extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' },
    };

    it('runs a manifest document by hash, by its text, and by its text laid out differently', async () => {
      const byHash = await post(enforceUrl, { extensions: persisted(COURSES) });
      expect((byHash.body.data as unknown as Courses).courses.edges).toHaveLength(2);
      const byText = await postGraphQL<Courses>(enforceUrl, COURSES);
      expect(byText.body.data).toEqual(byHash.body.data);
      const relaid = await postGraphQL<Courses>(
        enforceUrl,
        `# the same operation\n${COURSES.replace(/ /g, '\n  ')}`,
      );
      expect(relaid.body.data).toEqual(byHash.body.data);
    });

    it('refuses anything else: ad-hoc queries, registrations, introspection', async () => {
      const adHoc = await postGraphQL(enforceUrl, AD_HOC);
      expect(adHoc.status).toBe(400);
      expect(adHoc.body).toEqual({ errors: [notAllowed] });

      const register = await post(enforceUrl, { query: AD_HOC, extensions: persisted(AD_HOC) });
      expect(register.status).toBe(400);
      expect(register.body).toEqual({ errors: [notAllowed] });

      const introspection = await postGraphQL(enforceUrl, '{ __schema { queryType { name } } }');
      expect(introspection.body).toEqual({ errors: [notAllowed] });
      const page = await fetch(enforceUrl, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toMatch(/sandbox/i);

      const unknown = await post(enforceUrl, { extensions: persisted(AD_HOC) });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('over graphql-ws: ad-hoc operations are refused, a subscription by hash streams', async () => {
      // A student of this test's own: its support session never shows up in demo data.
      const signedUp = await postGraphQL<{ signUp: { accessToken: string } }>(
        supergraph.gatewayUrl,
        `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`,
        {
          variables: {
            input: {
              email: `trusted-${randomUUID()}@campus.test`,
              password: 'long-enough-password',
              firstName: 'Trusted',
              lastName: 'Documents',
            },
          },
        },
      );
      const token = signedUp.body.data?.signUp.accessToken ?? '';
      const opened = await postGraphQL<{ openSupportSession: { id: string } }>(
        supergraph.gatewayUrl,
        `mutation { openSupportSession(subject: "Trusted documents", message: "Hello") { id } }`,
        { token },
      );
      const sessionId = opened.body.data?.openSupportSession.id ?? '';
      const client = socket(enforceUrl, token);

      const adHoc = await overSocket(client, { query: AD_HOC }).done;
      expect(adHoc.errors?.[0]).toMatchObject(notAllowed);
      const adHocSubscription = await overSocket(client, {
        query: MESSAGES.replace('body', 'id body'),
        variables: { sessionId },
      }).done;
      expect(codeOf(adHocSubscription.errors?.[0])).toBe('PERSISTED_QUERY_NOT_ALLOWED');

      const live = overSocket(client, {
        query: '',
        variables: { sessionId },
        extensions: {
          persistedQuery: { version: 1, sha256Hash: `sha256:${sha256Hex(MESSAGES)}` },
        },
      });
      const marker = `marker-${randomUUID()}`;
      let sentAt = 0;
      await eventually(async () => {
        const bodies = live.results.map(
          (r) => (r.data as { supportMessageAdded?: { body: string } })?.supportMessageAdded?.body,
        );
        if (bodies.includes(marker)) return true;
        // The upstream subscription may not be live yet: send the marker again now and then.
        if (Date.now() - sentAt > 500) {
          sentAt = Date.now();
          await postGraphQL(
            supergraph.gatewayUrl,
            `mutation($id: ID!, $body: String!) { sendSupportMessage(sessionId: $id, body: $body) { id } }`,
            { variables: { id: sessionId, body: marker }, token },
          );
        }
        return null;
      });
      expect(live.results[0]?.errors).toBeUndefined();
      live.stop();
    });
  });

  it('refuses to start in enforce mode without a manifest', () => {
    expect(() =>
      createGateway(
        {
          ...supergraph.config,
          trustedDocuments: {
            mode: 'enforce',
            manifestPath: path.join(dir, 'missing.json'),
            manifestNamed: false,
          },
        },
        testLog,
      ),
    ).toThrow(/TRUSTED_DOCUMENTS=enforce needs the manifest/);
  });
});
