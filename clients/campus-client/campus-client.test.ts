import { createHash, randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import WebSocket from 'ws';
import persistedDocuments from '../generated/persisted-documents.json';
import {
  FlowMeDocument,
  GatewayMeIdDocument,
  SignUpDocument,
  TestOpenSupportSessionDocument,
  TestSendSupportMessageDocument,
  TestSupportMessageAddedDocument,
  type TestSupportMessageAddedSubscription,
} from '../generated/graphql';
import { AccessTokenSigner } from '../../subgraphs/shared/auth/tokens';
import { DEMO_PASSWORD, demoUser } from '../../subgraphs/shared/demo/catalog';
import { eventually } from '../../test/helpers';
import { startSupergraph, type RunningSupergraph } from '../../test/supergraph';
import {
  CampusError,
  createCampusClient,
  type CampusClientOptions,
  type SessionChange,
} from './index';

/** Every HTTP body the client sent, parsed, with the answer's status. */
function recordingFetch() {
  const sent: { operationName?: string; query?: string; extensions?: unknown }[] = [];
  const fetchImpl: CampusClientOptions['fetch'] = async (input, init) => {
    sent.push(JSON.parse(String(init.body)) as (typeof sent)[number]);
    return fetch(input, init);
  };
  return { sent, fetchImpl };
}

describe('campus-client', () => {
  it('embeds in every document the manifest text and its SHA-256', () => {
    const manifest = persistedDocuments as Record<string, string>;
    for (const document of [FlowMeDocument, SignUpDocument, TestSupportMessageAddedDocument]) {
      const meta = (document as unknown as { __meta__: { hash: string; query: string } }).__meta__;
      expect(manifest[meta.hash]).toBe(meta.query);
      expect(meta.hash).toBe(`sha256:${createHash('sha256').update(meta.query).digest('hex')}`);
    }
  });

  describe('against the supergraph', () => {
    let supergraph: RunningSupergraph;
    const clients: ReturnType<typeof createCampusClient>[] = [];
    const clientFor = (options: Partial<CampusClientOptions> = {}) => {
      const client = createCampusClient({
        url: supergraph.gatewayUrl,
        webSocketImpl: WebSocket,
        ...options,
      });
      clients.push(client);
      return client;
    };
    /** An access token of `key`'s that expired a minute ago, signed with the real keys. */
    const expiredToken = async (key: string) => {
      const user = demoUser(key);
      const signer = new AccessTokenSigner({
        ...supergraph.config.jwt,
        accessTokenTtlSeconds: -60,
      });
      const { token } = await signer.sign({ userId: user.id, role: user.role, sessionId: 'x' });
      return token;
    };

    /** A new student of this test's own: sessions it opens never show up in demo data. */
    const freshStudent = async (firstName: string) => {
      const { signUp } = await clientFor().request(SignUpDocument, {
        input: {
          email: `client-${randomUUID()}@campus.test`,
          password: 'long-enough-password',
          firstName,
          lastName: 'Client',
        },
      });
      return { ...signUp, name: `${firstName} Client` };
    };

    beforeAll(async () => {
      supergraph = await startSupergraph();
    });
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await supergraph?.stop();
    });

    it('returns typed data for a generated document', async () => {
      const client = clientFor();
      const payload = await client.logIn('student1@campus.test', DEMO_PASSWORD);
      expect(payload.user).toMatchObject({ email: 'student1@campus.test', role: 'STUDENT' });
      expect(client.session?.refreshToken).toBe(payload.refreshToken);
      const { me } = await client.request(FlowMeDocument);
      const student = demoUser('student1');
      expect(me).toEqual({
        id: student.id,
        name: `${student.firstName} ${student.lastName}`,
        email: 'student1@campus.test',
      });
      await client.logOut();
      expect(client.session).toBeNull();
      expect((await client.request(FlowMeDocument)).me).toBeNull();
    });

    it('throws a CampusError with the contract’s code and field', async () => {
      const attempt = clientFor().request(SignUpDocument, {
        input: { email: 'short@campus.test', password: 'short', firstName: 'S', lastName: 'P' },
      });
      await expect(attempt).rejects.toBeInstanceOf(CampusError);
      await expect(attempt).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    });

    it('renews an expired access token once for concurrent requests and retries them', async () => {
      const signedIn = await clientFor().logIn('student2@campus.test', DEMO_PASSWORD);
      const { sent, fetchImpl } = recordingFetch();
      const changes: SessionChange[] = [];
      const client = clientFor({
        fetch: fetchImpl,
        session: {
          accessToken: await expiredToken('student2'),
          refreshToken: signedIn.refreshToken,
        },
        onSession: (change) => changes.push(change),
      });
      const answers = await Promise.all([1, 2, 3].map(() => client.request(FlowMeDocument)));
      expect(answers.map((a) => a.me?.email)).toEqual(Array(3).fill('student2@campus.test'));
      expect(sent.filter((b) => b.operationName === 'RefreshToken')).toHaveLength(1);
      expect(changes.map((c) => c.reason)).toEqual(['refresh']);
      expect(client.session?.refreshToken).not.toBe(signedIn.refreshToken);
    });

    it('ends the session when its refresh token was already rotated', async () => {
      const signedIn = await clientFor().logIn('student3@campus.test', DEMO_PASSWORD);
      // Another holder rotates it first (the contract then revokes the whole session on replay).
      const other = clientFor({ session: { ...signedIn } });
      expect(await other.refresh()).not.toBeNull();

      const changes: SessionChange[] = [];
      const client = clientFor({
        session: {
          accessToken: await expiredToken('student3'),
          refreshToken: signedIn.refreshToken,
        },
        onSession: (change) => changes.push(change),
      });
      await expect(client.request(FlowMeDocument)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(client.session).toBeNull();
      expect(changes).toEqual([{ session: null, reason: 'expired' }]);
    });

    it('runs a manifest document by its hash alone', async () => {
      const { sent, fetchImpl } = recordingFetch();
      const client = clientFor({ fetch: fetchImpl, persisted: 'hash-first' });
      const { hash } = (GatewayMeIdDocument as unknown as { __meta__: { hash: string } }).__meta__;
      expect(await client.request(GatewayMeIdDocument)).toEqual({ me: null });
      expect(sent).toEqual([
        {
          operationName: 'GatewayMeId',
          extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace('sha256:', '') } },
        },
      ]);
    });

    it('sends the query with its hash when the gateway does not know the hash', async () => {
      // An operation outside the manifest, as a third-party client would have it.
      const query = `query AdHocMeId${Date.now()} { me { id } }`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const document = Object.assign(parse(query), {
        __meta__: { hash: `sha256:${sha256Hash}`, query },
      }) as unknown as typeof GatewayMeIdDocument;
      const { sent, fetchImpl } = recordingFetch();
      const client = clientFor({ fetch: fetchImpl, persisted: 'hash-first' });
      expect(await client.request(document)).toEqual({ me: null });
      expect(await client.request(document)).toEqual({ me: null });
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      // PersistedQueryNotFound, then hash and query (registered), then the hash is enough.
      expect(sent.map((body) => [body.query, body.extensions])).toEqual([
        [undefined, extensions],
        [query, extensions],
        [undefined, extensions],
      ]);
    });

    it('renews the socket’s token when it expires and resumes the subscription', async () => {
      const signedIn = await freshStudent('Expiring');
      // An access token of two seconds: the gateway closes the socket (4403) once it expires.
      const signer = new AccessTokenSigner({ ...supergraph.config.jwt, accessTokenTtlSeconds: 2 });
      const { token } = await signer.sign({
        userId: signedIn.user.id,
        role: 'STUDENT',
        sessionId: 'x',
      });
      const changes: SessionChange[] = [];
      const closes: number[] = [];
      const client = clientFor({
        session: { accessToken: token, refreshToken: signedIn.refreshToken },
        onSession: (change) => changes.push(change),
        refreshAheadSeconds: 0,
        socket: {
          retryWait: () => new Promise((resolve) => setTimeout(resolve, 50)),
          on: { closed: (event) => closes.push((event as { code: number }).code) },
        },
      });
      const { openSupportSession: session } = await client.request(TestOpenSupportSessionDocument, {
        subject: 'Token expiry test',
        message: 'm0',
      });
      const bodies: string[] = [];
      const errors: CampusError[] = [];
      const stop = client.subscribe(
        TestSupportMessageAddedDocument,
        { sessionId: session.id, after: session.messages[0]?.id },
        {
          next: (data) => bodies.push(data.supportMessageAdded.body),
          error: (e) => errors.push(e),
        },
      );
      const send = (body: string) =>
        client.request(TestSendSupportMessageDocument, { sessionId: session.id, body });
      await send('before expiry');
      await eventually(async () => (bodies.length === 1 ? true : null));
      await eventually(async () => (closes.includes(4403) ? true : null), 10_000);
      await send('after expiry');
      await eventually(async () => (bodies.length === 2 ? true : null));
      stop();
      expect(errors).toEqual([]);
      expect(bodies).toEqual(['before expiry', 'after expiry']);
      expect(changes.map((c) => c.reason)).toContain('refresh');
    });

    it('resumes a subscription with `after` across a reconnect: every message exactly once', async () => {
      // Frames the client sends, to see the resubscription's `after`.
      const frames: string[] = [];
      class RecordingWebSocket extends WebSocket {
        override send(data: string) {
          frames.push(data);
          super.send(data);
        }
      }
      let gate: Promise<void> = Promise.resolve();
      let openGate: () => void = () => undefined;
      const client = clientFor({
        webSocketImpl: RecordingWebSocket,
        // Reconnects wait for the test: messages are sent while the socket is down.
        socket: { retryWait: () => gate },
      });
      const resuming = await freshStudent('Resuming');
      client.setSession({ accessToken: resuming.accessToken, refreshToken: resuming.refreshToken });
      const { openSupportSession: session } = await client.request(TestOpenSupportSessionDocument, {
        subject: 'Resume test',
        message: 'm0',
      });
      const firstId = session.messages[0]?.id;
      const received: TestSupportMessageAddedSubscription['supportMessageAdded'][] = [];
      const errors: CampusError[] = [];
      const stop = client.subscribe(
        TestSupportMessageAddedDocument,
        { sessionId: session.id, after: firstId },
        { next: (data) => received.push(data.supportMessageAdded), error: (e) => errors.push(e) },
      );
      const send = async (body: string) =>
        (await client.request(TestSendSupportMessageDocument, { sessionId: session.id, body }))
          .sendSupportMessage.id;
      const bodies = () => received.map((m) => m.body);

      const m1 = await send('m1');
      await eventually(async () => (bodies().includes('m1') ? true : null));

      gate = new Promise((resolve) => (openGate = resolve));
      const reconnected = new Promise<void>((resolve) => {
        const off = client.socket().on('connected', () => {
          off();
          resolve();
        });
      });
      client.socket().terminate();
      await send('m2');
      await send('m3');
      openGate();
      await reconnected;
      await send('m4');
      await eventually(async () => (bodies().includes('m4') ? true : null));
      // Anything duplicated would arrive right behind.
      await new Promise((resolve) => setTimeout(resolve, 300));
      stop();

      expect(errors).toEqual([]);
      expect(bodies()).toEqual(['m1', 'm2', 'm3', 'm4']);
      expect(new Set(received.map((m) => m.id)).size).toBe(4);
      expect(received[0]?.sender.name).toBe(resuming.name);
      const subscribes = frames
        .map((f) => JSON.parse(f) as { type: string; payload?: { variables?: { after?: string } } })
        .filter((f) => f.type === 'subscribe');
      expect(subscribes.map((f) => f.payload?.variables?.after)).toEqual([firstId, m1]);
    });
  });
});
