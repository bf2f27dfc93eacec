import { randomUUID } from 'node:crypto';
import { demoViewer, errorCodes, execute, testConfig, testLog } from '../../test/helpers';
import type { Role, Viewer } from '../shared/auth/viewer';
import { DEMO_USERS, type DemoUser } from '../shared/demo/catalog';
import type { Loaders } from './loaders';
import { seedUsers } from './seed';
import { buildUsersSubgraph } from './subgraph';
import { deliver, registerAndSeedDemoUsers, registeredEvent } from './test-kit';

interface ProfileView {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  avatarUrl: string | null;
  bio: string | null;
  phone: string | null;
  instructorProfile: {
    headline: string | null;
    specialties: string[];
    yearsOfExperience: number | null;
  } | null;
}

const FIELDS = `id firstName lastName name avatarUrl bio phone
  instructorProfile { headline specialties yearsOfExperience }`;
const UPDATE_MY_PROFILE = `mutation($input: UpdateProfileInput!) {
  updateMyProfile(input: $input) { ${FIELDS} }
}`;
const UPDATE_INSTRUCTOR_PROFILE = `mutation($userId: ID!, $input: InstructorProfileInput!) {
  updateInstructorProfile(userId: $userId, input: $input) { ${FIELDS} }
}`;
const USER = `query($id: ID!) { user(id: $id) { ${FIELDS} } }`;

const viewerFor = (id: string, role: Role): Viewer => ({
  id,
  role,
  sessionId: `session-${id}`,
  tokenId: `token-${id}`,
});

describe('users mutations', () => {
  const service = testConfig().then((config) => buildUsersSubgraph(config, testLog));
  const admin = demoViewer('admin');
  const run = async <D = Record<string, unknown>>(
    query: string,
    options: { variables?: Record<string, unknown>; viewer?: Viewer | null } = {},
  ) => execute<D, Loaders>(await service, query, options);
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await (await service).dataSource.query(text, params)) as T[];

  /** A newly registered user (profile created by the consumer), signed in with `role`. */
  const registered = async (role: Role = 'STUDENT', firstName = 'Test', lastName = 'Person') => {
    const id = randomUUID();
    await deliver(await service, registeredEvent({ userId: id, firstName, lastName, role }));
    return viewerFor(id, role);
  };
  /** The profile as the user themself sees it (so phone is visible). */
  const profileOf = async (viewer: Viewer): Promise<ProfileView | null> =>
    (await run<{ user: ProfileView | null }>(USER, { variables: { id: viewer.id }, viewer })).data
      ?.user ?? null;

  beforeAll(async () => {
    await (await service).start();
    await registerAndSeedDemoUsers(await service);
  });
  afterAll(async () => (await service).stop());

  describe('profile from user.registered', () => {
    it('creates the profile, visible through user(id) { name }', async () => {
      const id = randomUUID();
      await deliver(
        await service,
        registeredEvent({ userId: id, firstName: ' Katherine ', lastName: 'Johnson' }),
      );
      const result = await run<{ user: { name: string } }>(
        `query($id: ID!) { user(id: $id) { name } }`,
        {
          variables: { id },
        },
      );
      expect(result.data).toEqual({ user: { name: 'Katherine Johnson' } });
    });

    it('applies an event delivered twice once, without undoing edits made in between', async () => {
      const id = randomUUID();
      const event = registeredEvent({ userId: id, firstName: 'Radia', lastName: 'Perlman' });
      await deliver(await service, event);
      const viewer = viewerFor(id, 'STUDENT');
      const edit = await run(UPDATE_MY_PROFILE, {
        variables: { input: { firstName: 'Radia J.', bio: 'Spanning trees.' } },
        viewer,
      });
      expect(edit.errors).toBeUndefined();

      await deliver(await service, event);
      // Even a new event for the same account (say, a replay) never overwrites the profile.
      await deliver(
        await service,
        registeredEvent({ userId: id, firstName: 'Someone', lastName: 'Else' }),
      );

      const rows = await sql<{ first_name: string; bio: string }>(
        `SELECT first_name, bio FROM users.profiles WHERE id = $1`,
        [id],
      );
      expect(rows).toEqual([{ first_name: 'Radia J.', bio: 'Spanning trees.' }]);
      const processed = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM users.processed_events
          WHERE consumer_group = 'users.profiles' AND event_id = $1`,
        [event.id],
      );
      expect(processed).toEqual([{ n: 1 }]);
    });

    it('applies the same event delivered twice at once exactly once', async () => {
      const id = randomUUID();
      const event = registeredEvent({ userId: id, firstName: 'Barbara', lastName: 'Simons' });
      await Promise.all([deliver(await service, event), deliver(await service, event)]);
      const rows = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM users.profiles WHERE id = $1`,
        [id],
      );
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('skips an event without a name instead of failing forever', async () => {
      const id = randomUUID();
      await deliver(await service, registeredEvent({ userId: id, firstName: ' ', lastName: 'X' }));
      expect(await profileOf(viewerFor(id, 'STUDENT'))).toBeNull();
    });
  });

  describe('updateMyProfile', () => {
    const update = (input: Record<string, unknown>, viewer: Viewer | null) =>
      run<{ updateMyProfile: ProfileView }>(UPDATE_MY_PROFILE, { variables: { input }, viewer });

    it('changes every field given, trimmed, and returns the profile', async () => {
      const viewer = await registered();
      const result = await update(
        {
          firstName: '  Hedy ',
          lastName: 'Lamarr ',
          avatarUrl: ' https://example.test/hedy.png ',
          bio: ' Frequency hopping. ',
          phone: '+43 (1) 555-0199',
        },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      const expected = {
        id: viewer.id,
        firstName: 'Hedy',
        lastName: 'Lamarr',
        name: 'Hedy Lamarr',
        avatarUrl: 'https://example.test/hedy.png',
        bio: 'Frequency hopping.',
        phone: '+43 (1) 555-0199',
        instructorProfile: null,
      };
      expect(result.data?.updateMyProfile).toEqual(expected);
      expect(await profileOf(viewer)).toEqual(expected);
    });

    it('changes only the fields present and clears with null (or an empty avatarUrl)', async () => {
      const viewer = await registered('STUDENT', 'Jean', 'Bartik');
      await update(
        { avatarUrl: 'http://example.test/a.png', bio: 'ENIAC', phone: '5550123' },
        viewer,
      );
      const onlyBio = await update({ bio: 'ENIAC programmer' }, viewer);
      expect(onlyBio.data?.updateMyProfile).toMatchObject({
        name: 'Jean Bartik',
        avatarUrl: 'http://example.test/a.png',
        bio: 'ENIAC programmer',
        phone: '5550123',
      });
      const cleared = await update({ avatarUrl: '', bio: null, phone: null }, viewer);
      expect(cleared.data?.updateMyProfile).toMatchObject({
        name: 'Jean Bartik',
        avatarUrl: null,
        bio: null,
        phone: null,
      });
      expect(await profileOf(viewer)).toMatchObject({ avatarUrl: null, bio: null, phone: null });
    });

    it('accepts an empty input and returns the profile unchanged', async () => {
      const viewer = await registered('STUDENT', 'Mary', 'Kenneth');
      const result = await update({}, viewer);
      expect(result.data?.updateMyProfile).toMatchObject({ id: viewer.id, name: 'Mary Kenneth' });
    });

    it('is UNAUTHENTICATED for anonymous callers', async () => {
      expect(errorCodes(await update({ bio: 'x' }, null))).toEqual(['UNAUTHENTICATED']);
    });

    it('is NOT_FOUND for a viewer who has no profile yet', async () => {
      const result = await update({ bio: 'x' }, viewerFor(randomUUID(), 'STUDENT'));
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    });

    it.each([
      ['firstName', null],
      ['firstName', '   '],
      ['firstName', 'x'.repeat(101)],
      ['lastName', null],
      ['lastName', ''],
      ['lastName', 'y'.repeat(101)],
      ['avatarUrl', 'not a url'],
      ['avatarUrl', 'ftp://example.test/a.png'],
      ['avatarUrl', 'javascript:alert(1)'],
      ['avatarUrl', `https://example.test/${'a'.repeat(2030)}`],
      ['bio', 'b'.repeat(2001)],
      ['phone', 'call me'],
      ['phone', '+1 55'],
      ['phone', '+1 555 0100 0000 0000 00'],
      ['phone', '++1 555 0100'],
    ])('rejects %s = %p with BAD_USER_INPUT naming the field', async (field, value) => {
      const viewer = await registered('STUDENT', 'Ida', 'Rhodes');
      const result = await update({ bio: 'kept', [field]: value }, viewer);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
      // Nothing of a rejected input is written, not even its valid fields.
      expect(await profileOf(viewer)).toMatchObject({ name: 'Ida Rhodes', bio: null });
    });

    it('accepts the limits: 100-character names, 2000-character bio', async () => {
      const viewer = await registered();
      const result = await update(
        { firstName: 'f'.repeat(100), lastName: 'l'.repeat(100), bio: 'b'.repeat(2000) },
        viewer,
      );
      expect(result.errors).toBeUndefined();
      expect((await profileOf(viewer))?.bio).toHaveLength(2000);
    });
  });

  describe('updateInstructorProfile', () => {
    const update = (userId: string, input: Record<string, unknown>, viewer: Viewer | null) =>
      run<{ updateInstructorProfile: ProfileView }>(UPDATE_INSTRUCTOR_PROFILE, {
        variables: { userId, input },
        viewer,
      });
    const instructorRows = (userId: string) =>
      sql<{ user_id: string }>(`SELECT user_id FROM users.instructor_profiles WHERE user_id = $1`, [
        userId,
      ]);

    it('lets an admin create anyone’s instructor profile, cleaning specialties', async () => {
      const target = await registered('STUDENT', 'Sophie', 'Wilson');
      const result = await update(
        target.id,
        {
          headline: '  Chip designer ',
          specialties: [' ARM ', 'BBC Micro', 'arm', 'Instruction sets', 'bbc micro'],
          yearsOfExperience: 40,
        },
        admin,
      );
      expect(result.errors).toBeUndefined();
      const expected = {
        headline: 'Chip designer',
        specialties: ['ARM', 'BBC Micro', 'Instruction sets'],
        yearsOfExperience: 40,
      };
      expect(result.data?.updateInstructorProfile).toMatchObject({
        id: target.id,
        name: 'Sophie Wilson',
        instructorProfile: expected,
      });
      expect((await profileOf(target))?.instructorProfile).toEqual(expected);
      const listed = await run<{ instructors: { edges: { node: { id: string } }[] } }>(
        `{ instructors(first: 100) { edges { node { id } } } }`,
      );
      expect(listed.data?.instructors.edges.map((e) => e.node.id)).toContain(target.id);
    });

    it('lets an instructor edit their own; present fields replace, absent ones stay', async () => {
      const self = await registered('INSTRUCTOR', 'Lynn', 'Conway');
      const created = await update(self.id, { headline: 'VLSI pioneer' }, self);
      expect(created.data?.updateInstructorProfile.instructorProfile).toEqual({
        headline: 'VLSI pioneer',
        specialties: [],
        yearsOfExperience: null,
      });
      await update(self.id, { specialties: ['VLSI'], yearsOfExperience: 50 }, self);
      expect((await profileOf(self))?.instructorProfile).toEqual({
        headline: 'VLSI pioneer',
        specialties: ['VLSI'],
        yearsOfExperience: 50,
      });
      const cleared = await update(
        self.id,
        { headline: null, specialties: null, yearsOfExperience: null },
        self,
      );
      expect(cleared.data?.updateInstructorProfile.instructorProfile).toEqual({
        headline: null,
        specialties: [],
        yearsOfExperience: null,
      });
      const unchanged = await update(self.id, {}, self);
      expect(unchanged.errors).toBeUndefined();
      expect(unchanged.data?.updateInstructorProfile.instructorProfile).toEqual(
        cleared.data?.updateInstructorProfile.instructorProfile,
      );
      expect(await instructorRows(self.id)).toHaveLength(1);
    });

    it('accepts 20 specialties once duplicates are dropped, and the limits', async () => {
      const self = await registered('INSTRUCTOR');
      const twenty = Array.from({ length: 20 }, (_, i) => `Topic ${i}`);
      const result = await update(
        self.id,
        {
          headline: 'h'.repeat(200),
          specialties: [...twenty, 'TOPIC 0', 'topic 19'],
          yearsOfExperience: 80,
        },
        self,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateInstructorProfile.instructorProfile?.specialties).toEqual(twenty);
      const zero = await update(
        self.id,
        { yearsOfExperience: 0, specialties: ['s'.repeat(50)] },
        self,
      );
      expect(zero.data?.updateInstructorProfile.instructorProfile).toMatchObject({
        yearsOfExperience: 0,
        specialties: ['s'.repeat(50)],
      });
    });

    it('creates one row when first edits race', async () => {
      const target = await registered('INSTRUCTOR');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => update(target.id, { yearsOfExperience: i }, admin)),
      );
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      expect(await instructorRows(target.id)).toHaveLength(1);
    });

    it('is UNAUTHENTICATED for anonymous callers, whatever the arguments', async () => {
      const target = await registered('INSTRUCTOR');
      expect(errorCodes(await update(target.id, { headline: 'x' }, null))).toEqual([
        'UNAUTHENTICATED',
      ]);
      expect(errorCodes(await update('nope', { yearsOfExperience: -1 }, null))).toEqual([
        'UNAUTHENTICATED',
      ]);
      expect(await instructorRows(target.id)).toEqual([]);
    });

    it('is FORBIDDEN for a student, even for themself', async () => {
      const student = await registered('STUDENT');
      const result = await update(student.id, { headline: 'I teach now' }, student);
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(await instructorRows(student.id)).toEqual([]);
    });

    it('is FORBIDDEN for an instructor editing another user', async () => {
      const other = await registered('INSTRUCTOR');
      await update(other.id, { headline: 'Original' }, admin);
      const result = await update(other.id, { headline: 'Hijacked' }, demoViewer('instructor1'));
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect((await profileOf(other))?.instructorProfile?.headline).toBe('Original');
    });

    it('is FORBIDDEN for a student editing another user', async () => {
      const other = await registered('INSTRUCTOR');
      const result = await update(other.id, { headline: 'x' }, demoViewer('student1'));
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    });

    it('is NOT_FOUND for a user without a profile', async () => {
      const missing = randomUUID();
      const result = await update(missing, { headline: 'x' }, admin);
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(await instructorRows(missing)).toEqual([]);
      // An instructor whose own profile has not arrived yet gets the same answer.
      const early = viewerFor(randomUUID(), 'INSTRUCTOR');
      expect(errorCodes(await update(early.id, { headline: 'x' }, early))).toEqual(['NOT_FOUND']);
    });

    it('rejects a malformed userId with BAD_USER_INPUT on userId', async () => {
      const result = await update('not-a-uuid', { headline: 'x' }, admin);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('userId');
    });

    it.each([
      ['headline', 'h'.repeat(201)],
      ['specialties', ['GraphQL', '   ']],
      ['specialties', ['x'.repeat(51)]],
      ['specialties', Array.from({ length: 21 }, (_, i) => `Topic ${i}`)],
      ['yearsOfExperience', -1],
      ['yearsOfExperience', 81],
    ])('rejects %s = %p with BAD_USER_INPUT naming the field', async (field, value) => {
      const target = await registered('INSTRUCTOR');
      await update(target.id, { headline: 'Kept' }, admin);
      const result = await update(target.id, { yearsOfExperience: 3, [field]: value }, admin);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
      expect((await profileOf(target))?.instructorProfile).toEqual({
        headline: 'Kept',
        specialties: [],
        yearsOfExperience: null,
      });
    });
  });

  describe('seed', () => {
    const demoIds = DEMO_USERS.map((u) => u.id);
    const snapshot = () =>
      sql(
        `SELECT p.*, row_to_json(i) AS instructor
           FROM users.profiles p
           LEFT JOIN users.instructor_profiles i ON i.user_id = p.id
          WHERE p.id = ANY($1) ORDER BY p.id`,
        [demoIds],
      );

    it('has written every demo detail through the services', async () => {
      const rows = await sql<{ id: string; bio: string | null; phone: string | null }>(
        `SELECT id, bio, phone FROM users.profiles WHERE id = ANY($1)`,
        [demoIds],
      );
      expect(rows).toHaveLength(DEMO_USERS.length);
      for (const user of DEMO_USERS) {
        expect(rows.find((r) => r.id === user.id)).toEqual({
          id: user.id,
          bio: user.bio ?? null,
          phone: user.phone ?? null,
        });
      }
    });

    it('changes nothing when run again', async () => {
      const before = await snapshot();
      await (await service).seed();
      expect(await snapshot()).toEqual(before);
    });

    it('fills in what a registered demo user lacks, once', async () => {
      const { services } = await service;
      const demo: DemoUser = {
        id: randomUUID(),
        email: `${randomUUID()}@campus.test`,
        role: 'INSTRUCTOR',
        firstName: 'Frances',
        lastName: 'Spence',
        bio: 'ENIAC',
        phone: '+1 555 0999',
        instructor: { headline: 'Programmer', specialties: ['ENIAC'], yearsOfExperience: 5 },
      };
      await deliver(await service, registeredEvent({ userId: demo.id, ...demo }));
      await seedUsers(services, [demo]);
      const viewer = viewerFor(demo.id, 'INSTRUCTOR');
      const seeded = await profileOf(viewer);
      expect(seeded).toMatchObject({
        name: 'Frances Spence',
        bio: 'ENIAC',
        phone: '+1 555 0999',
        instructorProfile: demo.instructor,
      });
      await seedUsers(services, [demo]);
      expect(await profileOf(viewer)).toEqual(seeded);
    });

    it('skips a demo user whose profile is missing, with a warning', async () => {
      const { services } = await service;
      const warn = jest.spyOn(services.log, 'warn');
      try {
        const ghost: DemoUser = {
          id: randomUUID(),
          email: 'ghost@campus.test',
          role: 'INSTRUCTOR',
          firstName: 'Ghost',
          lastName: 'User',
          bio: 'Nobody',
          instructor: { headline: 'None', specialties: [], yearsOfExperience: 1 },
        };
        await seedUsers(services, [ghost]);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(await sql(`SELECT 1 FROM users.profiles WHERE id = $1`, [ghost.id])).toEqual([]);
      } finally {
        warn.mockRestore();
      }
    });
  });
});
