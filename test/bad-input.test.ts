import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { DEMO_PASSWORD, demoCourse } from '../subgraphs/shared/demo/catalog';
import { postGraphQL, startSupergraph, type RunningSupergraph } from './supergraph';

/**
 * Hostile input through the public gateway: crafted cursors, NUL bytes and lone surrogates
 * in every String and ID argument, oversized searches and malformed DateTimes each end as
 * BAD_USER_INPUT (naming the field where there is one), never as an INTERNAL_SERVER_ERROR
 * from PostgreSQL, and change nothing.
 */
type Errors = readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;

const NUL = 'bad\u0000text';
const LONE_SURROGATE = 'bad\ud800text';

const cursorOf = (values: unknown): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

const firstError = (errors: Errors) => errors?.[0]?.extensions;

describe('bad input through the gateway', () => {
  let supergraph: RunningSupergraph;
  const tokens: Record<string, string> = {};

  const gql = <D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => postGraphQL<D>(supergraph.gatewayUrl, query, { variables, token });

  const logIn = async (key: string): Promise<string> => {
    const { body } = await gql<{ logIn: { accessToken: string } }>(
      'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }',
      { e: `${key}@campus.test`, p: DEMO_PASSWORD },
    );
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.logIn.accessToken;
  };

  /** A new student, signed in: edits to them cannot disturb other tests' demo data. */
  const newStudent = async (): Promise<string> => {
    const { body } = await gql<{ signUp: { accessToken: string } }>(
      'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      {
        input: {
          email: `bad-input-${randomUUID()}@campus.test`,
          password: 'long-enough-password',
          firstName: 'Bad',
          lastName: 'Input',
        },
      },
    );
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.signUp.accessToken;
  };

  const expectBadInput = (errors: Errors, field?: string) => {
    expect(firstError(errors)).toMatchObject({
      code: 'BAD_USER_INPUT',
      ...(field === undefined ? {} : { field }),
    });
  };

  beforeAll(async () => {
    supergraph = await startSupergraph();
    for (const key of ['admin', 'student1']) tokens[key] = await logIn(key);
  });
  afterAll(async () => supergraph?.stop());

  describe('pagination cursors', () => {
    const USERS = 'query($after: String) { users(first: 2, after: $after) { totalCount } }';
    const INSTRUCTORS =
      'query($after: String) { instructors(first: 2, after: $after) { totalCount } }';
    const COURSES = 'query($after: String) { courses(first: 2, after: $after) { totalCount } }';
    const PENDING =
      'query($after: String) { pendingBookings(first: 2, after: $after) { totalCount } }';
    const ENROLLMENTS = `query($courseId: ID!, $after: String) {
      courseEnrollments(courseId: $courseId, first: 2, after: $after) { totalCount }
    }`;
    const id = randomUUID();
    const courseId = demoCourse('graphql-federation-101').id;

    it.each([
      ['a non-uuid id', USERS, ['Lovelace', 'Ada', 'not-a-uuid']],
      ['a number for a text column', USERS, [42, 'Ada', id]],
      ['a NUL in a text column', USERS, ['Love\u0000lace', 'Ada', id]],
      ['a lone surrogate in a text column', USERS, ['Love\ud800lace', 'Ada', id]],
      ['an overlong text value', USERS, ['x'.repeat(5_000), 'Ada', id]],
      ['too few values', USERS, ['Lovelace', id]],
      ['null', USERS, ['Lovelace', null, id]],
      ['a non-uuid id (public)', INSTRUCTORS, ['Ingram', 'Isaac', "1' OR '1'='1"]],
      ['a non-uuid course id', COURSES, ['GraphQL Federation 101', 'zzz']],
      ['a huge number for a title', COURSES, [1e308, id]],
      ['a non-timestamp', PENDING, ['yesterday', id]],
      ['an impossible date', PENDING, ['2027-02-30T10:00:00.000Z', id]],
      ['an expanded-year timestamp', PENDING, ['+275760-09-13T00:00:00.000Z', id]],
      ['a huge number for a timestamp', PENDING, [1e20, id]],
      ['a non-timestamp (enrollments)', ENROLLMENTS, ['soon', id]],
    ])('rejects a cursor with %s as BAD_USER_INPUT on after', async (_what, query, values) => {
      const variables = { after: cursorOf(values), ...(query === ENROLLMENTS ? { courseId } : {}) };
      const { body } = await gql(query, variables, tokens.admin);
      expect(body.data ?? null).toBeNull();
      expectBadInput(body.errors, 'after');
    });

    it.each([
      ['not base64 JSON', '%%%'],
      ['a NUL', '\u0000'],
      ['an overlong cursor', 'A'.repeat(100_000)],
    ])('rejects %s as BAD_USER_INPUT on after', async (_what, after) => {
      const { body } = await gql(COURSES, { after });
      expectBadInput(body.errors, 'after');
    });

    it.each([
      ['users', USERS, 'users'],
      ['courses', COURSES, 'courses'],
      ['pendingBookings', PENDING, 'pendingBookings'],
    ])('still pages through %s with the cursors it returns', async (_name, query, field) => {
      const paged = query.replace(
        '{ totalCount }',
        '{ totalCount pageInfo { endCursor } edges { node { id } } }',
      );
      type Page = Record<
        string,
        { pageInfo: { endCursor: string | null }; edges: { node: { id: string } }[] }
      >;
      const first = await gql<Page>(paged, { after: null }, tokens.admin);
      const page1 = first.body.data?.[field];
      expect(page1?.pageInfo.endCursor).toEqual(expect.any(String));
      const second = await gql<Page>(paged, { after: page1?.pageInfo.endCursor }, tokens.admin);
      expect(second.body.errors).toBeUndefined();
      const seen = new Set(page1?.edges.map((e) => e.node.id));
      expect(second.body.data?.[field]?.edges.some((e) => seen.has(e.node.id))).toBe(false);
    });

    it('rejects a malformed before of SupportSession.messages', async () => {
      const { body } = await gql(
        '{ mySupportSessions { messages(before: "not-an-id") { id } } }',
        {},
        tokens.student1,
      );
      expectBadInput(body.errors, 'before');
    });
  });

  describe('NUL bytes and lone surrogates in text', () => {
    const ME = '{ me { bio firstName supportSessions { id } } }';
    const UPDATE = `mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { bio } }`;

    it.each([
      ['a NUL', NUL],
      ['a lone surrogate', LONE_SURROGATE],
    ])('refuses a bio with %s and keeps the stored one', async (_what, bio) => {
      const token = await newStudent();
      const saved = await gql(UPDATE, { input: { bio: 'Likes databases.' } }, token);
      expect(saved.body.errors).toBeUndefined();
      const { body } = await gql(UPDATE, { input: { bio, firstName: 'Changed' } }, token);
      expectBadInput(body.errors, 'bio');
      const me = await gql<{ me: { bio: string; firstName: string } }>(ME, {}, token);
      expect(me.body.data?.me).toMatchObject({ bio: 'Likes databases.', firstName: 'Bad' });
    });

    it('refuses a signUp with a NUL in a name and creates no account', async () => {
      const email = `nul-${randomUUID()}@campus.test`;
      const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }';
      const input = { email, password: 'long-enough-password', firstName: 'A', lastName: 'B' };
      const bad = await gql(SIGN_UP, { input: { ...input, lastName: NUL } });
      expectBadInput(bad.body.errors, 'lastName');
      // The address is still free: nothing was stored.
      const good = await gql(SIGN_UP, { input });
      expect(good.body.errors).toBeUndefined();
    });

    it.each([
      ['email', { email: 'student1@campus.test\u0000', password: DEMO_PASSWORD }],
      ['password', { email: 'student1@campus.test', password: `${DEMO_PASSWORD}\u0000` }],
      ['password', { email: 'student1@campus.test', password: `${DEMO_PASSWORD}\udfff` }],
    ])('refuses a logIn with bad text in %s', async (field, credentials) => {
      const { body } = await gql(
        'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }',
        credentials,
      );
      expect(body.data ?? null).toBeNull();
      expectBadInput(body.errors, field);
    });

    it('refuses a support session with a NUL in its subject and stores nothing', async () => {
      const token = await newStudent();
      const { body } = await gql(
        'mutation($s: String!, $m: String!) { openSupportSession(subject: $s, message: $m) { id } }',
        { s: NUL, m: 'Hello' },
        token,
      );
      expectBadInput(body.errors, 'subject');
      const me = await gql<{ me: { supportSessions: unknown[] } }>(ME, {}, token);
      expect(me.body.data?.me.supportSessions).toEqual([]);
    });
  });

  describe('free-text bounds', () => {
    const big = 'x'.repeat(300_000);
    it('refuses an oversized users search', async () => {
      const { body } = await gql(
        'query($s: String) { users(search: $s) { totalCount } }',
        { s: big },
        tokens.admin,
      );
      expectBadInput(body.errors, 'search');
    });

    it.each([
      ['300 KB', big],
      ['201 characters', 'x'.repeat(201)],
    ])('refuses a course search of %s', async (_what, search) => {
      const { body } = await gql('query($f: CourseFilter) { courses(filter: $f) { totalCount } }', {
        f: { search },
      });
      expectBadInput(body.errors, 'search');
    });

    it('still searches courses with a title-long search', async () => {
      const { body } = await gql<{ courses: { totalCount: number } }>(
        'query($f: CourseFilter) { courses(filter: $f) { totalCount } }',
        { f: { search: 'GraphQL Federation 101' } },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.courses.totalCount).toBeGreaterThanOrEqual(1);
    });
  });

  describe('DateTime', () => {
    const WINDOW = 'query($from: DateTime) { availableSchedules(from: $from) { id } }';

    it.each([
      ['an empty string', ''],
      ['a number', 1_800_000_000_000],
      ['no time zone', '2027-01-01T10:00:00'],
      ['a date only', '2027-01-01'],
      ['February 30th', '2027-02-30T10:00:00Z'],
      ['month 13', '2027-13-01T10:00:00Z'],
      ['hour 24', '2027-01-01T24:00:00Z'],
      ['an offset of 24 hours', '2027-01-01T10:00:00+24:00'],
      ['year 0', '0000-06-01T00:00:00Z'],
      ['before year 1 in UTC', '0001-01-01T00:30:00+01:00'],
      ['a six-digit year', '+010000-01-01T00:00:00Z'],
      ['words', 'next tuesday'],
    ])('refuses %s as a variable with BAD_USER_INPUT', async (_what, from) => {
      const { body } = await gql(WINDOW, { from });
      expect(body.data ?? null).toBeNull();
      expectBadInput(body.errors);
    });

    it('refuses a bad DateTime inside an input object', async () => {
      const { body } = await gql(
        'mutation($input: ScheduleClassInput!) { scheduleClass(input: $input) { id } }',
        {
          input: {
            courseId: demoCourse('graphql-federation-101').id,
            startsAt: '2027-02-29T10:00:00Z',
            endsAt: '2027-03-01T11:00:00Z',
          },
        },
        tokens.admin,
      );
      expect(body.data ?? null).toBeNull();
      expectBadInput(body.errors);
    });

    it('refuses a bad DateTime literal without an internal error', async () => {
      const { body } = await gql('{ availableSchedules(from: "2027-02-30T10:00:00Z") { id } }');
      expect(body.data ?? null).toBeNull();
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(
        firstError(body.errors)?.code,
      );
    });

    it('accepts RFC 3339 with an offset and answers in UTC with milliseconds', async () => {
      const { body } = await gql<{ availableSchedules: { startsAt: string }[] }>(
        `query($from: DateTime, $to: DateTime) {
          availableSchedules(from: $from, to: $to) { startsAt }
        }`,
        { from: '2000-01-01T01:00:00+01:00', to: '9999-12-31T23:59:59.999Z' },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.availableSchedules.length).toBeGreaterThan(0);
      for (const { startsAt } of body.data?.availableSchedules ?? []) {
        expect(startsAt).toBe(new Date(startsAt).toISOString());
      }
    });
  });

  /**
   * Every String and ID argument of every query and mutation of the supergraph, found from
   * schema/supergraph.graphql, so a field added later is covered without editing this
   * test: the argument gets the bad value, every other required one a plausible value, and
   * the answer must be BAD_USER_INPUT naming that argument (never an error from PostgreSQL).
   */
  describe('every String and ID argument of the schema', () => {
    const schema = buildSchema(
      readFileSync(path.join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'),
      { assumeValidSDL: true },
    );

    /** One place a string goes: a root field and the path to it in the variables. */
    interface Target {
      operation: 'query' | 'mutation';
      field: GraphQLField<unknown, unknown>;
      path: string[];
      list: boolean;
    }

    // Values that pass each field's own rules, so the bad value is the one thing wrong.
    const PLAUSIBLE: Record<string, () => unknown> = {
      email: () => `plausible-${randomUUID()}@campus.test`,
      password: () => 'long-enough-password',
      currentPassword: () => 'long-enough-password',
      newPassword: () => 'long-enough-password',
      slug: () => `plausible-${randomUUID()}`,
      currency: () => 'EUR',
      // Unique, so that a miss elsewhere in createRoom's input cannot make a later one CONFLICT.
      name: () => `Plausible room ${randomUUID()}`,
    };

    /** A value for a type; of input objects only the required fields and the one on `path`. */
    function plausible(name: string, type: GraphQLInputType, path: string[]): unknown {
      const nullable = getNullableType(type);
      if (isListType(nullable)) return [plausible(name, nullable.ofType, path)];
      const named = getNamedType(type);
      if (isInputObjectType(named)) {
        return Object.fromEntries(
          Object.values(named.getFields())
            .filter((f) => isNonNullType(f.type) || f.name === path[0])
            .map((f) => [f.name, plausible(f.name, f.type, path.slice(1))]),
        );
      }
      if (isEnumType(named)) return named.getValues()[0]?.value;
      switch (named.name) {
        case 'ID':
          return randomUUID();
        case 'Int':
          return 1;
        case 'Boolean':
          return false;
        case 'DateTime':
          return '2030-01-01T10:00:00Z';
        default:
          return PLAUSIBLE[name]?.() ?? 'Plausible text';
      }
    }

    function* stringsIn(
      arg: GraphQLArgument | GraphQLInputField,
      path: string[],
    ): Generator<{ path: string[]; list: boolean }> {
      const named = getNamedType(arg.type);
      if (isScalarType(named) && (named.name === 'String' || named.name === 'ID')) {
        yield { path, list: isListType(getNullableType(arg.type)) };
      } else if (isInputObjectType(named)) {
        for (const inner of Object.values(named.getFields())) {
          yield* stringsIn(inner, [...path, inner.name]);
        }
      }
    }

    const targets: Target[] = [];
    for (const operation of ['query', 'mutation'] as const) {
      const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
      for (const field of Object.values(root?.getFields() ?? {})) {
        for (const arg of field.args) {
          for (const found of stringsIn(arg, [arg.name]))
            targets.push({ operation, field, ...found });
        }
      }
    }
    const nameOf = (target: Target) => `${target.field.name}.${target.path.join('.')}`;

    /** The operation with `bad` at the target and plausible values for what is required. */
    function request(target: Target, bad: string) {
      const [top, ...rest] = target.path;
      // Optional arguments are left out, except the target's (course(id, slug) takes one).
      const args = target.field.args.filter((arg) => isNonNullType(arg.type) || arg.name === top);
      const variables: Record<string, unknown> = Object.fromEntries(
        args.map((arg) => [arg.name, plausible(arg.name, arg.type, rest)]),
      );
      let holder = variables;
      for (const key of target.path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
      holder[target.path.at(-1) as string] = target.list ? [bad] : bad;
      const declared = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const type = getNamedType(target.field.type);
      const selection = isScalarType(type) || isEnumType(type) ? '' : ' { __typename }';
      const header = declared ? `(${declared})` : '';
      return {
        query: `${target.operation}${header} { ${target.field.name}(${passed})${selection} }`,
        variables,
      };
    }

    it('finds the arguments', () => {
      expect(targets.length).toBeGreaterThan(40);
      expect(targets.map(nameOf)).toEqual(
        expect.arrayContaining([
          'logIn.password',
          'updateMyProfile.input.bio',
          'createCourse.input.price.currency',
          'courses.filter.search',
          'registerForCourse.input.idempotencyKey',
        ]),
      );
    });

    it.each([
      ['a NUL', NUL],
      ['a lone surrogate', LONE_SURROGATE],
    ])('answers %s in each with BAD_USER_INPUT naming it', async (_what, bad) => {
      // A throwaway account edits its own profile, so a miss cannot change demo data.
      const student = await newStudent();
      const failures: string[] = [];
      for (const target of targets) {
        const { query, variables } = request(target, bad);
        const token = target.field.name === 'updateMyProfile' ? student : tokens.admin;
        const { body } = await gql(query, variables, token);
        const error = firstError(body.errors);
        const field = target.path.at(-1);
        if (
          body.data?.[target.field.name] != null ||
          error?.code !== 'BAD_USER_INPUT' ||
          error.field !== field
        ) {
          failures.push(`${nameOf(target)}: ${JSON.stringify(body.errors ?? body.data)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
});
