import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { eventually, execute, testConfig } from '../../test/helpers';
import { loadConfig, type CampusConfig } from '../shared/config';
import type { Logger } from '../shared/logger';
import { SUBGRAPH_NAMES, envPrefix } from '../shared/topology';
import { mailSenderFor } from './services/mail-sender-for';
import { buildAuthSubgraph } from './subgraph';
import { PASSWORD, freshEmail, tokenIn } from './test-kit';

/** A mail as the SMTP server received it. */
interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port (no TLS, no auth), keeping what it receives. */
async function startSmtpServer(): Promise<{
  url: string;
  received: Received[];
  stop(): Promise<void>;
}> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((a) => a.address);
        received.push({ to, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The text body of a raw single-part message (7bit or quoted-printable, as nodemailer sends). */
function bodyOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return body;
  return body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A logger at its most verbose whose every line is kept, to search for secrets. */
function capturingLogger(): { log: Logger; written: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: pino({ level: 'trace' }, stream), written: () => lines.join('') };
}

/** Production configuration, from the environment a deployment would set. */
async function productionConfig(mail: { SMTP_URL?: string; MAIL_FROM?: string }) {
  const test = await testConfig();
  const passwords = SUBGRAPH_NAMES.map((n) => [`${envPrefix(n)}_DB_PASSWORD`, test.dbPasswords[n]]);
  return loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    GATEWAY_SECRET: test.gatewaySecret,
    JWT_PUBLIC_KEY: test.jwt.publicKey,
    JWT_PRIVATE_KEY: test.jwt.privateKey,
    ...Object.fromEntries(passwords),
    SMTP_URL: undefined,
    MAIL_FROM: undefined,
    ...mail,
  });
}

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`;
const REQUEST = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) }`;
const RESET_SUBJECT = 'Reset your Campus password';

describe('auth mail over SMTP', () => {
  it('in production, delivers the reset token by SMTP and never writes it to the log', async () => {
    const smtp = await startSmtpServer();
    const config = await productionConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Campus <no@x.test>' });
    const { log, written } = capturingLogger();
    const service = buildAuthSubgraph(config, log);
    try {
      await service.start({ seed: false });
      const email = freshEmail('smtp');
      const input = { email, password: PASSWORD, firstName: 'Mail', lastName: 'Test' };
      expect((await execute(service, SIGN_UP, { variables: { input } })).errors).toBeUndefined();

      const asked = await execute(service, REQUEST, { variables: { e: email } });
      expect(asked.data).toEqual({ requestPasswordReset: true });
      const mail = await eventually(() =>
        Promise.resolve(
          smtp.received.find((m) => m.to.includes(email) && m.raw.includes(RESET_SUBJECT)) ?? null,
        ),
      );
      expect(mail.raw).toContain('From: Campus <no@x.test>');
      const token = tokenIn({ to: email, subject: RESET_SUBJECT, text: bodyOf(mail.raw) });

      // Sent, and the body (a live token) no longer kept in the outbox.
      const row = await eventually(async () => {
        const [found] = (await service.dataSource.query(
          `SELECT "sent_at", "attempts", "body" FROM "auth"."mail_outbox"
            WHERE "recipient" = $1 AND "subject" = $2 AND "sent_at" IS NOT NULL`,
          [email, RESET_SUBJECT],
        )) as { sent_at: Date; attempts: number; body: string }[];
        return found ?? null;
      });
      expect(row).toEqual({ sent_at: expect.any(Date), attempts: 1, body: '' });

      // The token that arrived by mail is the one that works.
      const reset = await execute(service, RESET, { variables: { t: token, n: 'fresh-pass-123' } });
      expect(reset.data).toEqual({ resetPassword: true });

      const logs = written();
      expect(logs).toContain(email); // the logger did see the mail go out…
      expect(logs).not.toContain(token); // …but never its token
    } finally {
      await service.stop();
      await smtp.stop();
    }
  });

  it('refuses to start auth in production without SMTP_URL and MAIL_FROM', async () => {
    const { log } = capturingLogger();
    const config = await productionConfig({});
    expect(() => buildAuthSubgraph(config, log)).toThrow(
      'Missing required environment variables in production: SMTP_URL, MAIL_FROM',
    );
    const noFrom = await productionConfig({ SMTP_URL: 'smtp://mail.example:587' });
    expect(() => buildAuthSubgraph(noFrom, log)).toThrow(/production: MAIL_FROM/);
  });

  it('accepts only smtp:// and smtps:// URLs', async () => {
    await expect(productionConfig({ SMTP_URL: 'http://mail.example' })).rejects.toThrow(/SMTP_URL/);
  });

  it('logs mail without its body outside development, with it only in development', async () => {
    const mail = { to: 'a@x.test', subject: 'Hello', text: 'token: secret-token-123' };
    const logged = async (nodeEnv: CampusConfig['nodeEnv']) => {
      const { log, written } = capturingLogger();
      const config = { ...(await testConfig()), nodeEnv, mail: {} };
      await mailSenderFor(config, log).send(mail);
      return written();
    };
    const test = await logged('test');
    expect(test).toContain('a@x.test');
    expect(test).toContain('Hello');
    expect(test).not.toContain('secret-token-123');
    expect(await logged('development')).toContain('secret-token-123');
  });
});
