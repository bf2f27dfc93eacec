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
import { createCampusClient, operationInfo, type ExecuteResult } from '../clients/campus-client';
import {
  BadInputCourseEnrollmentsPageDocument,
  BadInputCourseSearchDocument,
  BadInputCoursesPageDocument,
  BadInputInstructorsPageDocument,
  BadInputMeDocument,
  BadInputPendingBookingsPageDocument,
  BadInputScheduleClassDocument,
  BadInputSchedulesFromDocument,
  BadInputSchedulesWindowDocument,
  BadInputSupportMessagesBeforeDocument,
  BadInputUpdateProfileDocument,
  BadInputUsersPageDocument,
  BadInputUsersSearchDocument,
  LogInDocument,
  SignUpDocument,
  TestOpenSupportSessionDocument,
} from '../clients/generated/graphql';
import { DEMO_PASSWORD, demoCourse } from '../subgraphs/shared/demo/catalog';
import { postGraphQL, startSupergraph, type RunningSupergraph } from './supergraph';

/**
 * Hostile input through the public gateway: crafted cursors, NUL bytes and lone surrogates
 * in every String and ID argument, oversized searches and malformed DateTimes each end as
 * BAD_USER_INPUT (naming the field where there is one), never as an INTERNAL_SERVER_ERROR
 * from PostgreSQL, and change nothing. The hostile values travel in the variables of the
 * typed documents of clients/operations/test/bad-input.graphql, sent by campus-client;
 * invalid documents, documents built from the schema and ill-typed variables go raw.
 */
type Errors = readonly { message: string; extensions?: Record<string, unknown> }[] | undefined;

const NUL = 'bad\u0000text';
const LONE_SURROGATE = 'bad\ud800text';

const cursorOf = (values: unknown): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

const firstError = (errors: Errors) => errors?.[0]?.extensions;

/** A page of a connection, as the BadInput*Page documents select it. */
interface Page {
  pageInfo: { endCursor: string | null };
  edges: { node: { id: string } }[];
}

describe('bad input through the gateway', () => {
  let supergraph: RunningSupergraph;
  const tokens: Record<string, string> = {};

  /** campus-client as `token`'s holder (none: anonymous), without a refresh token. */
  const as = (token?: string) =>
    createCampusClient({
      url: supergraph.gatewayUrl,
      session: token ? { accessToken: token } : null,
    });

  /**
   * Raw text and variables, on purpose: for documents that are themselves invalid, those
   * built from the schema at run time, and variables of a type no typed client can send.
   */
  const gql = <D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => postGraphQL<D>(supergraph.gatewayUrl, query, { variables, token });

  const logIn = async (key: string): Promise<string> => {
    const { logIn } = await as().request(LogInDocument, {
      email: `${key}@campus.test`,
      password: DEMO_PASSWORD,
    });
    return logIn.accessToken;
  };

  /** A new student, signed in: edits to them cannot disturb other tests' demo data. */
  const newStudent = async (): Promise<string> => {
    const { signUp } = await as().request(SignUpDocument, {
      input: {
        email: `bad-input-${randomUUID()}@campus.test`,
        password: 'long-enough-password',
        firstName: 'Bad',
        lastName: 'Input',
      },
    });
    return signUp.accessToken;
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
    const id = randomUUID();
    const courseId = demoCourse('graphql-federation-101').id;

    /** The answer, and its page of the connection when there is data. */
    const paged = async <R>(answer: Promise<ExecuteResult<R>>, pick: (data: R) => Page) => {
      const { data, errors } = await answer;
      return { data, errors, page: data ? pick(data) : undefined };
    };
    /** Each connection, two at a time after `after`, as `token`'s holder (none: anonymous). */
    const PAGES = {
      users: (after: string | null, token?: string) =>
        paged(as(token).execute(BadInputUsersPageDocument, { after }), (d) => d.users),
      instructors: (after: string | null, token?: string) =>
        paged(as(token).execute(BadInputInstructorsPageDocument, { after }), (d) => d.instructors),
      courses: (after: string | null, token?: string) =>
        paged(as(token).execute(BadInputCoursesPageDocument, { after }), (d) => d.courses),
      pendingBookings: (after: string | null, token?: string) =>
        paged(
          as(token).execute(BadInputPendingBookingsPageDocument, { after }),
          (d) => d.pendingBookings,
        ),
      courseEnrollments: (after: string | null, token?: string) =>
        paged(
          as(token).execute(BadInputCourseEnrollmentsPageDocument, { courseId, after }),
          (d) => d.courseEnrollments,
        ),
    };
    type Connection = keyof typeof PAGES;

    it.each<[string, Connection, unknown[]]>([
      ['a non-uuid id', 'users', ['Lovelace', 'Ada', 'not-a-uuid']],
      ['a number for a text column', 'users', [42, 'Ada', id]],
      ['a NUL in a text column', 'users', ['Love\u0000lace', 'Ada', id]],
      ['a lone surrogate in a text column', 'users', ['Love\ud800lace', 'Ada', id]],
      ['an overlong text value', 'users', ['x'.repeat(5_000), 'Ada', id]],
      ['too few values', 'users', ['Lovelace', id]],
      ['null', 'users', ['Lovelace', null, id]],
      ['a non-uuid id (public)', 'instructors', ['Ingram', 'Isaac', "1' OR '1'='1"]],
      ['a non-uuid course id', 'courses', ['GraphQL Federation 101', 'zzz']],
      ['a huge number for a title', 'courses', [1e308, id]],
      ['a non-timestamp', 'pendingBookings', ['yesterday', id]],
      ['an impossible date', 'pendingBookings', ['2027-02-30T10:00:00.000Z', id]],
      ['an expanded-year timestamp', 'pendingBookings', ['+275760-09-13T00:00:00.000Z', id]],
      ['a huge number for a timestamp', 'pendingBookings', [1e20, id]],
      ['a non-timestamp (enrollments)', 'courseEnrollments', ['soon', id]],
    ])('rejects a cursor with %s as BAD_USER_INPUT on after', async (_what, connection, values) => {
      const { data, errors } = await PAGES[connection](cursorOf(values), tokens.admin);
      expect(data ?? null).toBeNull();
      expectBadInput(errors, 'after');
    });

    it.each([
      ['not base64 JSON', '%%%'],
      ['a NUL', '\u0000'],
      ['an overlong cursor', 'A'.repeat(100_000)],
    ])('rejects %s as BAD_USER_INPUT on after', async (_what, after) => {
      const { errors } = await PAGES.courses(after);
      expectBadInput(errors, 'after');
    });

    it.each<Connection>(['users', 'courses', 'pendingBookings'])(
      'still pages through %s with the cursors it returns',
      async (connection) => {
        const first = await PAGES[connection](null, tokens.admin);
        const page1 = first.page;
        expect(page1?.pageInfo.endCursor).toEqual(expect.any(String));
        const second = await PAGES[connection](page1?.pageInfo.endCursor ?? null, tokens.admin);
        expect(second.errors).toBeUndefined();
        const seen = new Set(page1?.edges.map((e) => e.node.id));
        expect(second.page?.edges.some((e) => seen.has(e.node.id))).toBe(false);
      },
    );

    it('rejects a malformed before of SupportSession.messages', async () => {
      const { errors } = await as(tokens.student1).execute(BadInputSupportMessagesBeforeDocument, {
        before: 'not-an-id',
      });
      expectBadInput(errors, 'before');
    });
  });

  describe('NUL bytes and lone surrogates in text', () => {
    it.each([
      ['a NUL', NUL],
      ['a lone surrogate', LONE_SURROGATE],
    ])('refuses a bio with %s and keeps the stored one', async (_what, bio) => {
      const student = as(await newStudent());
      const saved = await student.execute(BadInputUpdateProfileDocument, {
        input: { bio: 'Likes databases.' },
      });
      expect(saved.errors).toBeUndefined();
      const { errors } = await student.execute(BadInputUpdateProfileDocument, {
        input: { bio, firstName: 'Changed' },
      });
      expectBadInput(errors, 'bio');
      const me = await student.execute(BadInputMeDocument);
      expect(me.data?.me).toMatchObject({ bio: 'Likes databases.', firstName: 'Bad' });
    });

    it('refuses a signUp with a NUL in a name and creates no account', async () => {
      const email = `nul-${randomUUID()}@campus.test`;
      const input = { email, password: 'long-enough-password', firstName: 'A', lastName: 'B' };
      const bad = await as().execute(SignUpDocument, { input: { ...input, lastName: NUL } });
      expectBadInput(bad.errors, 'lastName');
      // The address is still free: nothing was stored.
      const good = await as().execute(SignUpDocument, { input });
      expect(good.errors).toBeUndefined();
    });

    it.each([
      ['email', { email: 'student1@campus.test\u0000', password: DEMO_PASSWORD }],
      ['password', { email: 'student1@campus.test', password: `${DEMO_PASSWORD}\u0000` }],
      ['password', { email: 'student1@campus.test', password: `${DEMO_PASSWORD}\udfff` }],
    ])('refuses a logIn with bad text in %s', async (field, credentials) => {
      const { data, errors } = await as().execute(LogInDocument, credentials);
      expect(data ?? null).toBeNull();
      expectBadInput(errors, field);
    });

    it('refuses a support session with a NUL in its subject and stores nothing', async () => {
      const student = as(await newStudent());
      const { errors } = await student.execute(TestOpenSupportSessionDocument, {
        subject: NUL,
        message: 'Hello',
      });
      expectBadInput(errors, 'subject');
      const me = await student.execute(BadInputMeDocument);
      expect(me.data?.me?.supportSessions).toEqual([]);
    });
  });

  describe('free-text bounds', () => {
    const big = 'x'.repeat(300_000);
    it('refuses an oversized users search', async () => {
      const { errors } = await as(tokens.admin).execute(BadInputUsersSearchDocument, {
        search: big,
      });
      expectBadInput(errors, 'search');
    });

    it.each([
      ['300 KB', big],
      ['201 characters', 'x'.repeat(201)],
    ])('refuses a course search of %s', async (_what, search) => {
      const { errors } = await as().execute(BadInputCourseSearchDocument, { filter: { search } });
      expectBadInput(errors, 'search');
    });

    it('still searches courses with a title-long search', async () => {
      const { data, errors } = await as().execute(BadInputCourseSearchDocument, {
        filter: { search: 'GraphQL Federation 101' },
      });
      expect(errors).toBeUndefined();
      expect(data?.courses.totalCount).toBeGreaterThanOrEqual(1);
    });
  });

  describe('DateTime', () => {
    // Variables raw on purpose: one value is a number where a DateTime string belongs, which
    // a typed client cannot send. The document is the generated one.
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
      const { body } = await gql(operationInfo(BadInputSchedulesFromDocument).query, { from });
      expect(body.data ?? null).toBeNull();
      expectBadInput(body.errors);
    });

    it('refuses a bad DateTime inside an input object', async () => {
      const { data, errors } = await as(tokens.admin).execute(BadInputScheduleClassDocument, {
        input: {
          courseId: demoCourse('graphql-federation-101').id,
          startsAt: '2027-02-29T10:00:00Z',
          endsAt: '2027-03-01T11:00:00Z',
        },
      });
      expect(data ?? null).toBeNull();
      expectBadInput(errors);
    });

    it('refuses a bad DateTime literal without an internal error', async () => {
      // Raw on purpose: the invalid DateTime is a literal of the document itself.
      const { body } = await gql('{ availableSchedules(from: "2027-02-30T10:00:00Z") { id } }');
      expect(body.data ?? null).toBeNull();
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(
        firstError(body.errors)?.code,
      );
    });

    it('accepts RFC 3339 with an offset and answers in UTC with milliseconds', async () => {
      const { data, errors } = await as().execute(BadInputSchedulesWindowDocument, {
        from: '2000-01-01T01:00:00+01:00',
        to: '9999-12-31T23:59:59.999Z',
      });
      expect(errors).toBeUndefined();
      expect(data?.availableSchedules.length).toBeGreaterThan(0);
      for (const { startsAt } of data?.availableSchedules ?? []) {
        expect(startsAt).toBe(new Date(startsAt).toISOString());
      }
    });
  });

  /**
   * Every String and ID argument of every query and mutation of the supergraph, found from
   * schema/supergraph.graphql, so a field added later is covered without editing this
   * test: the argument gets the bad value, every other required one a plausible value, and
   * the answer must be BAD_USER_INPUT naming that argument (never an error from PostgreSQL).
   * These documents are raw on purpose: built from the schema at run time, no client's.
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
