import WebSocket from 'ws';
import { postGraphQL, startSupergraph, type RunningSupergraph } from '../test/supergraph';
import { subscribe, wsClient, wsUrl } from '../test/ws';
import { REQUEST_LIMITS, checkVariables } from './limits';

/**
 * Hostile requests against the public gateway, over HTTP and graphql-ws: each is refused
 * with a short GraphQL error before any coercion or planning, and the gateway keeps
 * answering a plain query meanwhile. Sizes are asserted, never durations.
 */
const COURSE_FILTER = 'query($f: CourseFilter) { courses(filter: $f) { totalCount } }';
const PLAIN = '{ courses(first: 1) { totalCount } }';

const unknownKeys = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`unknownKey${i}`, i]));

const nested = (depth: number): unknown => (depth === 0 ? 'x' : { search: nested(depth - 1) });

const rawPost = async (url: string, body: string, contentType = 'application/json') => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text };
};

/** Opens a raw graphql-transport-ws socket, acknowledged, for frames a client library won't send. */
async function rawSocket(url: string) {
  const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws');
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  const closed = new Promise<{ code: number }>((resolve) =>
    socket.on('close', (code) => resolve({ code })),
  );
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as (typeof messages)[0]));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  while (!messages.some((m) => m.type === 'connection_ack')) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { socket, messages, closed };
}

describe('checkVariables (pure)', () => {
  it('accepts ordinary variables and refuses each kind of excess with one short error', () => {
    expect(checkVariables({ f: { search: 'react', status: 'PUBLISHED' } })).toBeUndefined();
    expect(checkVariables(undefined)).toBeUndefined();
    const limits = REQUEST_LIMITS.variables;
    const refusals = [
      checkVariables({ f: unknownKeys(limits.keysPerObject + 1) }),
      checkVariables({ list: Array.from({ length: limits.listLength + 1 }, () => 1) }),
      checkVariables({ deep: nested(limits.depth + 2) }),
      checkVariables({
        many: Array.from({ length: 200 }, () => unknownKeys(limits.keysPerObject)),
      }),
      checkVariables([1, 2]),
    ];
    for (const refusal of refusals) {
      expect(refusal?.extensions.code).toBe('BAD_USER_INPUT');
      expect(refusal?.message.length).toBeLessThan(120);
    }
  });
});

describe('request limits at the gateway', () => {
  let supergraph: RunningSupergraph;
  beforeAll(async () => {
    supergraph = await startSupergraph();
  });
  afterAll(async () => supergraph?.stop());

  const plainStillAnswers = async () => {
    const { status, body } = await postGraphQL<{ courses: { totalCount: number } }>(
      supergraph.gatewayUrl,
      PLAIN,
    );
    expect(status).toBe(200);
    expect(body.data?.courses.totalCount).toBeGreaterThan(0);
  };

  describe('over HTTP', () => {
    it.each([2_000, 50_000])(
      'refuses %i unknown keys in a variable with one short error, before coercion',
      async (count) => {
        const body = JSON.stringify({ query: COURSE_FILTER, variables: { f: unknownKeys(count) } });
        const [refused] = await Promise.all([
          rawPost(supergraph.gatewayUrl, body),
          plainStillAnswers(),
        ]);
        // Over the body limit it is a 413, under it a 400: refused before parsing either way.
        expect([400, 413]).toContain(refused.status);
        expect(refused.text.length).toBeLessThan(500);
        const parsed = JSON.parse(refused.text) as { errors: { extensions: { code: string } }[] };
        expect(parsed.errors).toHaveLength(1);
        expect(parsed.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
      },
    );

    it('refuses long lists and deep nesting in variables', async () => {
      for (const variables of [
        { f: { search: Array.from({ length: 10_000 }, () => 'a') } },
        { f: nested(40) },
      ]) {
        const { status, body } = await postGraphQL(supergraph.gatewayUrl, COURSE_FILTER, {
          variables: variables as Record<string, unknown>,
        });
        expect(status).toBe(400);
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('reports a handful of short errors, however many the request causes', async () => {
      // A few unknown keys pass the shape check; coercion then reports each one.
      const { body } = await postGraphQL(supergraph.gatewayUrl, COURSE_FILTER, {
        variables: { f: unknownKeys(REQUEST_LIMITS.variables.keysPerObject) },
      });
      expect(body.errors?.length).toBeLessThanOrEqual(REQUEST_LIMITS.errors.count);
      for (const error of body.errors ?? []) {
        expect(error.message.length).toBeLessThanOrEqual(REQUEST_LIMITS.errors.messageLength);
      }
      const manyUnknownFields = `{ ${Array.from({ length: 100 }, (_, i) => `f${i}`).join(' ')} }`;
      const invalid = await postGraphQL(supergraph.gatewayUrl, manyUnknownFields);
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors?.length).toBeLessThanOrEqual(REQUEST_LIMITS.errors.count);
      expect(invalid.body.errors?.at(-1)?.message).toMatch(/more errors were left out/);
    });

    it('answers transport failures as GraphQL JSON: 413 over the size limit, 400 for bad JSON', async () => {
      const huge = JSON.stringify({
        query: PLAIN,
        variables: { pad: 'x'.repeat(REQUEST_LIMITS.bodyBytes) },
      });
      const tooLarge = await rawPost(supergraph.gatewayUrl, huge);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.type).toMatch(/application\/json/);
      expect(JSON.parse(tooLarge.text)).toEqual({
        errors: [
          {
            message: expect.stringMatching(/too large/) as string,
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });

      const broken = await rawPost(supergraph.gatewayUrl, '{"query": "{ me { id } }"');
      expect(broken.status).toBe(400);
      expect(broken.type).toMatch(/application\/json/);
      expect(broken.text).not.toMatch(/<html|at .*\.js/i);
      expect((JSON.parse(broken.text) as { errors: unknown[] }).errors).toHaveLength(1);
    });

    it('answers token and directive floods with 400, not 500', async () => {
      const tokens = `{ ${'courses(first: 1) { totalCount } '.repeat(400)} }`;
      const tokenFlood = await postGraphQL(supergraph.gatewayUrl, tokens);
      expect(tokenFlood.status).toBe(400);
      expect(tokenFlood.body.errors?.[0]?.message).toMatch(/tokens/);

      const directives = `{ courses(first: 1) { totalCount ${'@include(if: true) '.repeat(300)} } }`;
      const directiveFlood = await postGraphQL(supergraph.gatewayUrl, directives);
      expect(directiveFlood.status).toBe(400);
      expect(directiveFlood.body.errors?.length).toBeGreaterThan(0);

      const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
      const aliasFlood = await postGraphQL(supergraph.gatewayUrl, aliases);
      expect(aliasFlood.status).toBe(400);
      expect(aliasFlood.body.errors?.[0]?.message).toMatch(/alias/i);
      await plainStillAnswers();
    });
  });

  describe('over graphql-ws', () => {
    it('closes a socket whose frame is over the size limit, before parsing it', async () => {
      const { socket, closed } = await rawSocket(supergraph.gatewayUrl);
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: PLAIN, variables: { pad: 'x'.repeat(REQUEST_LIMITS.bodyBytes) } },
        }),
      );
      expect((await closed).code).toBe(1009); // Message Too Big
      await plainStillAnswers();
    });

    it('refuses the hostile variables with the same short error as HTTP', async () => {
      const client = wsClient(supergraph.gatewayUrl);
      try {
        const sub = subscribe(client, COURSE_FILTER, { f: unknownKeys(2_000) });
        const { error } = await sub.ended;
        const errors = error as { message: string; extensions: { code: string } }[];
        expect(errors).toHaveLength(1);
        expect(errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(errors).length).toBeLessThan(500);
        await plainStillAnswers();
      } finally {
        await client.dispose();
      }
    });

    it('applies the token, alias and depth limits to a subscribe message', async () => {
      const client = wsClient(supergraph.gatewayUrl);
      try {
        const aliases = `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
        const tokenFlood = await subscribe(client, aliases).ended;
        const tokenErrors = tokenFlood.error as { message: string; extensions: { code: string } }[];
        expect(tokenErrors[0]?.message).toMatch(/tokens/);
        expect(tokenErrors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');

        const fewAliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
        const aliasFlood = await subscribe(client, fewAliases).ended;
        const aliasErrors = aliasFlood.error as { message: string }[];
        expect(aliasErrors[0]?.message).toMatch(/alias/i);

        const deep = `{ me { ${'taughtCourses { instructor { '.repeat(7)}id${' } }'.repeat(7)} } }`;
        const depth = await subscribe(client, deep).ended;
        expect((depth.error as { message: string }[])[0]?.message).toMatch(/depth/i);
      } finally {
        await client.dispose();
      }
    });
  });
});
