import { randomUUID } from 'node:crypto';
import { buildUsersSubgraph } from '../subgraphs/users/subgraph';
import type { SubgraphService } from '../subgraphs/shared/server';
import { Outbox, START_OF_OUTBOX, type OutboxCursor } from '../subgraphs/shared/events/outbox';
import type { Loaders as AuthLoaders } from '../subgraphs/auth/loaders';
import type { Loaders as UsersLoaders } from '../subgraphs/users/loaders';
import { eventually, execute, testConfig, testLog } from './helpers';
import { startSubgraphs, type StartedSubgraphs } from './subgraphs';

/**
 * Delivery guarantees of the contract's Domain events, on the real producer (auth's
 * outbox) and consumer (users' profiles): a consumer that was down catches up, a
 * redelivered event changes nothing, and a late commit is never skipped.
 */
const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
      }
    }
  }
`;

const nameOf = async (users: SubgraphService<UsersLoaders>, id: string) => {
  const result = await execute<{ user: { name: string } | null }, UsersLoaders>(
    users,
    `query($id: ID!) { user(id: $id) { name } }`,
    { variables: { id } },
  );
  return result.data?.user?.name ?? null;
};

const countProfiles = async (users: SubgraphService<UsersLoaders>): Promise<number> => {
  const rows = (await users.dataSource.query(
    `SELECT count(*)::int AS count FROM "users"."profiles"`,
  )) as { count: number }[];
  return rows[0]?.count ?? 0;
};

/** The cursor just past the last user.registered event in auth's outbox. */
const endOfOutbox = async (outbox: Outbox): Promise<OutboxCursor> => {
  let cursor = START_OF_OUTBOX;
  for (;;) {
    const batch = await outbox.readAfter(cursor, ['user.registered'], 1000);
    const last = batch.at(-1);
    if (!last) return cursor;
    cursor = last.cursor;
  }
};

describe('domain events', () => {
  let subgraphs: StartedSubgraphs<'auth' | 'users'>;
  let users: SubgraphService<UsersLoaders>;
  const restartUsers = async () => {
    await users.stop();
    users = buildUsersSubgraph(await testConfig(), testLog);
    await users.start();
  };
  const signUp = async (firstName: string) => {
    const result = await execute<{ signUp: { user: { id: string } } }, AuthLoaders>(
      subgraphs.auth,
      SIGN_UP,
      {
        variables: {
          input: {
            email: `events-${randomUUID()}@campus.test`,
            password: 'long-enough-password',
            firstName,
            lastName: 'Events',
          },
        },
      },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.signUp.user.id;
  };

  beforeAll(async () => {
    subgraphs = await startSubgraphs(['auth', 'users'], { seed: false });
    users = subgraphs.users;
  });
  afterAll(async () => {
    await users.stop();
    await subgraphs.stop();
  });

  it('an event produced while its consumer is stopped is applied once the consumer starts', async () => {
    await users.stop();
    const started = Date.now();
    const id = await signUp('Offline');
    // With the consumer down, signUp does not wait for it (it could not apply anything).
    expect(Date.now() - started).toBeLessThan(2_000);

    users = buildUsersSubgraph(await testConfig(), testLog);
    await users.start();
    expect(await eventually(() => nameOf(users, id))).toBe('Offline Events');
  });

  it('an event delivered twice is applied once', async () => {
    const id = await signUp('Twice');
    expect(await nameOf(users, id)).toBe('Twice Events');
    await execute(users, `mutation { updateMyProfile(input: { firstName: "Renamed" }) { id } }`, {
      viewer: { id, role: 'STUDENT', sessionId: 's', tokenId: 't' },
    });

    // Forget the group's progress, as a crash between applying and acknowledging would:
    // every event of the outbox is delivered again.
    await subgraphs.auth.dataSource.query(
      `UPDATE "auth"."outbox_cursors" SET "txid" = '0', "position" = 0
        WHERE "consumer_group" = 'users.profiles'`,
    );
    const profilesBefore = await countProfiles(users);
    await restartUsers();

    // Redelivery is done once the cursor is back at the end of the outbox.
    const outbox = new Outbox('auth', subgraphs.auth.dataSource);
    const end = await endOfOutbox(outbox);
    await eventually(async () => {
      const cursor = await outbox.loadCursor('users.profiles');
      return cursor.txid === end.txid && cursor.position === end.position ? true : null;
    });

    expect(await nameOf(users, id)).toBe('Renamed Events');
    expect(await countProfiles(users)).toBe(profilesBefore);
  });

  it('an event committed late by an older transaction is not skipped by the relay', async () => {
    const db = subgraphs.auth.dataSource;
    const outbox = new Outbox('auth', db);
    const cursor = await endOfOutbox(outbox);
    const payload = (name: string) => ({
      userId: randomUUID(),
      email: `${name}@campus.test`,
      firstName: name,
      lastName: 'Late',
      role: 'STUDENT' as const,
    });

    // The older transaction takes its id first and commits last.
    const older = db.createQueryRunner();
    await older.connect();
    await older.startTransaction();
    await older.query('SELECT pg_current_xact_id()');
    const early = await db.transaction((m) => outbox.append(m, 'user.registered', payload('b')));
    const late = await outbox.append(older.manager, 'user.registered', payload('a'));

    // While the older transaction is open, the relay holds back the committed event too.
    expect(await outbox.readAfter(cursor, ['user.registered'])).toEqual([]);
    await older.commitTransaction();
    await older.release();

    const delivered = await outbox.readAfter(cursor, ['user.registered']);
    expect(delivered.map((r) => r.event.id)).toEqual([late.id, early.id]);
  });
});
