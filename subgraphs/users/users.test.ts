import { randomUUID } from 'node:crypto';
import { demoViewer, errorCodes, execute, testConfig, testLog } from '../../test/helpers';
import type { Viewer } from '../shared/auth/viewer';
import { sqlLoggerOf } from '../shared/db/data-source';
import { DEMO_USERS, demoUser, type DemoUser } from '../shared/demo/catalog';
import type { Loaders } from './loaders';
import { seedUsers } from './seed';
import { buildUsersSubgraph } from './subgraph';
import { registerAndSeedDemoUsers } from './test-kit';

interface UserNode {
  id: string;
  name: string;
}
interface Page {
  edges: { cursor: string; node: UserNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
type Entities<T> = { _entities: (T | null)[] };

const ENTITIES = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on User { id firstName } }
}`;
const ENTITIES_WITH_INSTRUCTOR = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on User { id instructorProfile { headline } } }
}`;
const USER = `query($id: ID!) {
  user(id: $id) {
    id firstName lastName name avatarUrl bio phone
    instructorProfile { headline specialties yearsOfExperience }
  }
}`;
const USERS = `query($first: Int, $after: String, $search: String) {
  users(first: $first, after: $after, search: $search) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;
const INSTRUCTORS = `query($first: Int, $after: String) {
  instructors(first: $first, after: $after) {
    edges { cursor node { id name instructorProfile { headline } } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

const fullName = (u: DemoUser): string => `${u.firstName} ${u.lastName}`;
// Demo names are plain ASCII, so code-unit order is what Postgres sorts them in too.
const byName = (a: DemoUser, b: DemoUser): number => {
  const [x, y] = [`${a.lastName}\u0000${a.firstName}`, `${b.lastName}\u0000${b.firstName}`];
  return x < y ? -1 : x > y ? 1 : 0;
};
const demoIds = new Set(DEMO_USERS.map((u) => u.id));
/** The seeded users of a page, in page order (other tests may add more people). */
const demoIdsOf = (page: Page): string[] =>
  page.edges.map((e) => e.node.id).filter((id) => demoIds.has(id));

/** The 13 seeded ids plus random fillers: 100 distinct representations. */
const hundredUserReps = () => [
  ...DEMO_USERS.map((u) => ({ __typename: 'User', id: u.id })),
  ...Array.from({ length: 100 - DEMO_USERS.length }, () => ({
    __typename: 'User',
    id: randomUUID(),
  })),
];

describe('users subgraph', () => {
  const service = testConfig().then((config) => buildUsersSubgraph(config, testLog));
  const admin = demoViewer('admin');
  const run = async <D = Record<string, unknown>>(
    query: string,
    options: { variables?: Record<string, unknown>; viewer?: Viewer | null } = {},
  ) => execute<D, Loaders>(await service, query, options);
  /** Every profile, walked `first` at a time, with the pages' consistent totalCount. */
  const walk = async (first: number) => {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const result = await run<{ users: Page }>(USERS, {
        variables: { first, after },
        viewer: demoViewer('admin'),
      });
      const page = result.data?.users as Page;
      if (totalCount >= 0) expect(page.totalCount).toBe(totalCount);
      totalCount = page.totalCount;
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) return { ids, totalCount };
      expect(page.edges).toHaveLength(first);
      after = page.pageInfo.endCursor;
    }
  };
  /** Runs `operation` and counts the SQL statements it cost. */
  const measure = async <T>(operation: () => Promise<T>) => {
    const sql = sqlLoggerOf((await service).dataSource);
    sql.reset();
    const result = await operation();
    return { result, statements: sql.statements };
  };

  // Profiles come from auth's user.registered events; auth is not started here, so the
  // test hands those events to the users.profiles consumer itself, then seeds.
  beforeAll(async () => {
    await (await service).start();
    await registerAndSeedDemoUsers(await service);
  });
  afterAll(async () => (await service).stop());

  it('seeds idempotently: a second run only reads', async () => {
    const { services } = await service;
    expect((await measure(() => seedUsers(services))).statements).toBe(2);
  });

  describe('federation', () => {
    it('resolves 100 User references with one SQL statement', async () => {
      const { result, statements } = await measure(() =>
        run<Entities<{ id: string; firstName: string }>>(ENTITIES, {
          variables: { reps: hundredUserReps() },
        }),
      );
      expect(statements).toBe(1);
      const entities = result.data?._entities ?? [];
      expect(entities).toHaveLength(100);
      expect(entities.slice(0, DEMO_USERS.length)).toEqual(
        DEMO_USERS.map((u) => ({ id: u.id, firstName: u.firstName })),
      );
      // Accounts whose profile does not exist yet resolve with empty names, never null, so
      // one of them cannot blank a list of others.
      expect(entities.slice(DEMO_USERS.length).every((e) => e?.firstName === '')).toBe(true);
    });

    it('loads instructorProfile for 100 users with one more statement', async () => {
      type Node = { id: string; instructorProfile: { headline: string } | null };
      const { result, statements } = await measure(() =>
        run<Entities<Node>>(ENTITIES_WITH_INSTRUCTOR, { variables: { reps: hundredUserReps() } }),
      );
      // One for the references, one for all their instructor profiles.
      expect(statements).toBe(2);
      expect(result.data?._entities.slice(0, DEMO_USERS.length)).toEqual(
        DEMO_USERS.map((u) => ({
          id: u.id,
          instructorProfile: u.instructor ? { headline: u.instructor.headline } : null,
        })),
      );
    });

    it('resolves ids that are not UUIDs to null without a query', async () => {
      const { result, statements } = await measure(() =>
        run(ENTITIES, { variables: { reps: [{ __typename: 'User', id: 'not-a-uuid' }] } }),
      );
      expect(result.data).toEqual({ _entities: [null] });
      expect(statements).toBe(0);
    });
  });

  describe('user(id:)', () => {
    it('returns an instructor with their profile to anyone', async () => {
      const irene = demoUser('instructor1');
      const result = await run(USER, { variables: { id: irene.id } });
      expect(result.data).toEqual({
        user: {
          id: irene.id,
          firstName: irene.firstName,
          lastName: irene.lastName,
          name: fullName(irene),
          avatarUrl: null,
          bio: irene.bio,
          phone: null,
          instructorProfile: irene.instructor,
        },
      });
    });

    it('returns a student with no instructor profile', async () => {
      const ada = demoUser('student1');
      const result = await run<{ user: { name: string; instructorProfile: null } }>(USER, {
        variables: { id: ada.id },
        viewer: demoViewer('student2'),
      });
      expect(result.data?.user).toMatchObject({ name: fullName(ada), instructorProfile: null });
    });

    it.each([
      ['the user themself', 'student1', true],
      ['an admin', 'admin', true],
      ['another student', 'student2', false],
      ['an instructor', 'instructor1', false],
      ['anonymous', null, false],
    ])('shows phone to %s (%s): %s', async (_who, viewerKey, visible) => {
      const ada = demoUser('student1');
      const result = await run<{ user: { phone: string | null } }>(USER, {
        variables: { id: ada.id },
        viewer: viewerKey ? demoViewer(viewerKey) : null,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.user.phone).toBe(visible ? ada.phone : null);
    });

    it('is null for an id without a profile', async () => {
      const result = await run(USER, { variables: { id: randomUUID() } });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ user: null });
    });

    it('rejects an id that is not a UUID with BAD_USER_INPUT on id', async () => {
      const result = await run(USER, { variables: { id: 'nope' } });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('id');
    });
  });

  describe('users', () => {
    const users = (variables: Record<string, unknown>, viewer: Viewer | null = admin) =>
      run<{ users: Page }>(USERS, { variables, viewer });
    const pageOf = async (variables: Record<string, unknown>): Promise<Page> =>
      (await users(variables)).data?.users as Page;

    it('lists every profile by last name for an admin', async () => {
      const result = await users({ first: 100 });
      expect(result.errors).toBeUndefined();
      // The test database is shared: other files' sign-ups may fill more than one page.
      const all = await walk(100);
      expect(all.ids.filter((id) => demoIds.has(id))).toEqual(
        [...DEMO_USERS].sort(byName).map((u) => u.id),
      );
      expect(all.totalCount).toBe(all.ids.length);
    });

    it.each([
      ['a first name', 'grace', 'student3'],
      ['a last name', 'LOVELACE', 'student1'],
      ['"first last"', ' Alan  Turing ', 'student2'],
      ['part of a name', 'oPP', 'student3'],
    ])('searches by %s, case-insensitively', async (_what, search, key) => {
      const page = await pageOf({ search });
      const words = search.trim().toLowerCase().replace(/\s+/g, ' ');
      expect(page.edges.map((e) => e.node.name)).toContain(fullName(demoUser(key)));
      expect(page.edges.every((e) => e.node.name.toLowerCase().includes(words))).toBe(true);
      expect(page.totalCount).toBe(page.edges.length);
    });

    it('narrows the list to matching names only', async () => {
      expect(demoIdsOf(await pageOf({ search: 'ingram' }))).toEqual([demoUser('instructor2').id]);
    });

    it('treats % and _ in the search as plain characters', async () => {
      // Unescaped, each of these would match "Avery Admin" (or everyone).
      for (const search of ['%', '_', 'A%n', 'Ad_']) {
        expect(demoIdsOf(await pageOf({ search }))).toEqual([]);
      }
    });

    it('treats a blank search as no filter', async () => {
      const all = await pageOf({ first: 100 });
      expect((await pageOf({ first: 100, search: '   ' })).totalCount).toBe(all.totalCount);
    });

    it('rejects an overlong search with BAD_USER_INPUT on search', async () => {
      const result = await users({ search: 'x'.repeat(101) });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('search');
    });

    it('is UNAUTHENTICATED for anonymous viewers', async () => {
      expect(errorCodes(await users({}, null))).toEqual(['UNAUTHENTICATED']);
    });

    it.each(['student1', 'instructor1'])('is FORBIDDEN for %s', async (key) => {
      expect(errorCodes(await users({}, demoViewer(key)))).toEqual(['FORBIDDEN']);
    });
  });

  describe('instructors', () => {
    const instructors = async (variables: Record<string, unknown>): Promise<Page> =>
      (await run<{ instructors: Page }>(INSTRUCTORS, { variables })).data?.instructors as Page;

    it('lists users with an instructor profile to anonymous viewers', async () => {
      const page = await instructors({ first: 100 });
      const expected = DEMO_USERS.filter((u) => u.instructor).sort(byName);
      expect(page.edges.filter((e) => demoIds.has(e.node.id)).map((e) => e.node)).toEqual(
        expected.map((u) => ({
          id: u.id,
          name: fullName(u),
          instructorProfile: { headline: u.instructor?.headline },
        })),
      );
      expect(page.totalCount).toBe(page.edges.length);
    });

    it('pages one instructor at a time', async () => {
      const first = await instructors({ first: 1 });
      expect(first.edges).toHaveLength(1);
      expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[0]?.cursor });
      const second = await instructors({ first: 1, after: first.pageInfo.endCursor });
      expect(second.edges).toHaveLength(1);
      expect(second.edges[0]?.node.id).not.toBe(first.edges[0]?.node.id);
      expect(second.totalCount).toBe(first.totalCount);
    });
  });

  describe('pagination', () => {
    const usersPage = async (variables: Record<string, unknown>): Promise<Page> =>
      (await run<{ users: Page }>(USERS, { variables, viewer: admin })).data?.users as Page;

    it('walks users with first/after and sees each profile once, in order', async () => {
      const all = await walk(100);
      const small = await walk(4);
      expect(small.ids).toEqual(all.ids);
      expect(new Set(small.ids).size).toBe(all.totalCount);
    });

    it('defaults to 20 per page', async () => {
      const page = await usersPage({});
      expect(page.edges).toHaveLength(Math.min(20, page.totalCount));
      expect(page.pageInfo.hasNextPage).toBe(page.totalCount > 20);
    });

    it.each([
      ['users', USERS],
      ['instructors', INSTRUCTORS],
    ])('%s rejects first: 101 and -1 with BAD_USER_INPUT on first', async (_name, query) => {
      for (const first of [101, -1]) {
        const result = await run(query, { variables: { first }, viewer: admin });
        expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
        expect(result.errors?.[0]?.extensions?.field).toBe('first');
      }
    });

    it('rejects a cursor it did not issue with BAD_USER_INPUT on after', async () => {
      const result = await run(INSTRUCTORS, { variables: { after: 'bogus' } });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('after');
    });
  });
});
