import { randomUUID } from 'node:crypto';
import { demoViewer, eventually, execute, testConfig, testLog } from '../../test/helpers';
import { AccessTokenVerifier, type AccessTokenClaims } from '../shared/auth/tokens';
import type { Viewer } from '../shared/auth/viewer';
import type { CampusConfig } from '../shared/config';
import { CLIENT_IP_HEADER, GATEWAY_SECRET_HEADER } from '../shared/gateway-secret';
import type { SubgraphRuntimeOptions, SubgraphService } from '../shared/server';
import type { Loaders } from './loaders';
import type { Mail, MailSender } from './services/mail';
import { buildAuthSubgraph } from './subgraph';

/** Test helpers shared by the auth test files (not a test file itself). */

/** The outside boundary, recorded: what would have been mailed. Can be told to fail. */
export class RecordingMailSender implements MailSender {
  readonly sent: Mail[] = [];
  failures = 0;

  send(mail: Mail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('mail server unavailable'));
    }
    this.sent.push(mail);
    return Promise.resolve();
  }

  /** The newest mail to `to` whose subject contains `subject`, waiting for the relay. */
  async waitFor(to: string, subject: string, after = 0): Promise<Mail> {
    return eventually(() => {
      const found = this.sent.filter((m) => m.to === to && m.subject.includes(subject));
      return Promise.resolve(found.length > after ? (found.at(-1) ?? null) : null);
    });
  }
}

/** The token a mail carries. */
export function tokenIn(mail: Mail): string {
  const match = /token: (\S+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`No token in mail: ${mail.text}`);
  return match[1];
}

/** Shared with the other tests. */
export { eventually } from '../../test/helpers';

export const freshEmail = (label = 'user'): string => `${label}-${randomUUID()}@auth.test`;

/** A client address nobody else uses, so rate-limit counters start at zero. */
export const freshIp = (): string =>
  `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 256)).join('.')}`;

export interface GraphQLBody<D> {
  data?: D | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export interface AuthPayloadResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; role: string; email: string };
}

export const PAYLOAD = 'accessToken refreshToken expiresAt user { id role email }';
export const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { ${PAYLOAD} } }`;

export interface AuthHarness {
  service: SubgraphService<Loaders>;
  config: CampusConfig;
  mail: RecordingMailSender;
  /** The subgraph over HTTP, as the gateway calls it (the revocation list applies). */
  post<D = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string; ip?: string },
  ): Promise<GraphQLBody<D>>;
  /** In-process, with a viewer given directly (no token, no revocation list). */
  run<D = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; viewer?: Viewer | null },
  ): Promise<GraphQLBody<D>>;
  /** Signs up a fresh STUDENT over HTTP. */
  signUp(options?: { email?: string; password?: string }): Promise<AuthPayloadResult>;
  logIn(
    email: string,
    password: string,
    ip?: string,
  ): Promise<GraphQLBody<{ logIn: AuthPayloadResult }>>;
  claims(accessToken: string): Promise<AccessTokenClaims>;
  /** The viewer an access token proves, for in-process calls. */
  viewerOf(accessToken: string): Promise<Viewer>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export const PASSWORD = 'correct-horse-battery';

/**
 * Builds, starts (with seed) and listens: one auth subgraph per test file (or several
 * instances sharing `runtime`, e.g. one Redis).
 */
export async function startAuth(
  options: { runtime?: SubgraphRuntimeOptions } = {},
): Promise<AuthHarness> {
  const config = await testConfig();
  const mail = new RecordingMailSender();
  const service = buildAuthSubgraph(config, testLog, options.runtime ?? {}, { mailSender: mail });
  await service.start({ seed: true });
  const url = await service.listen(0);
  const verifier = new AccessTokenVerifier(config.jwt);

  const post: AuthHarness['post'] = async (query, options = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [GATEWAY_SECRET_HEADER]: config.gatewaySecret,
        [CLIENT_IP_HEADER]: options.ip ?? freshIp(),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables: options.variables }),
    });
    return (await response.json()) as GraphQLBody<never>;
  };

  const harness: AuthHarness = {
    service,
    config,
    mail,
    post,
    run: (query, options = {}) =>
      execute(service, query, { variables: options.variables, viewer: options.viewer ?? null }),
    async signUp(options = {}) {
      const email = options.email ?? freshEmail();
      const body = await post<{ signUp: AuthPayloadResult }>(
        `mutation($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`,
        {
          variables: {
            input: {
              email,
              password: options.password ?? PASSWORD,
              firstName: 'Test',
              lastName: 'User',
            },
          },
        },
      );
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data.signUp;
    },
    logIn: (email, password, ip) =>
      post(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { ${PAYLOAD} } }`, {
        variables: { e: email, p: password },
        ip,
      }),
    claims: (token) => verifier.verify(token),
    async viewerOf(token) {
      const claims = await verifier.verify(token);
      return { id: claims.sub, role: claims.role, sessionId: claims.sid, tokenId: claims.jti };
    },
    query: async <T>(sql: string, params: unknown[] = []) =>
      (await service.dataSource.query(sql, params)) as T[],
    stop: () => service.stop(),
  };
  return harness;
}

/** Whether an access token still works over HTTP (the revocation list is consulted). */
export async function tokenWorks(auth: AuthHarness, token: string): Promise<boolean> {
  const body = await auth.post<{ me: { id: string } | null }>('{ me { id } }', { token });
  if (body.data?.me) return true;
  const code = body.errors?.[0]?.extensions?.code;
  if (code !== 'UNAUTHENTICATED') throw new Error(`Unexpected answer: ${JSON.stringify(body)}`);
  return false;
}

/** The data of a successful answer (fails the test with the errors otherwise). */
export function dataOf<D>(body: GraphQLBody<D>): D {
  if (!body.data) throw new Error(`Expected data, got ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The contract's error code and field of the first error. */
export const firstError = (body: GraphQLBody<unknown>) => ({
  code: body.errors?.[0]?.extensions?.code,
  field: body.errors?.[0]?.extensions?.field,
});

export const admin = (): Viewer => demoViewer('admin');
