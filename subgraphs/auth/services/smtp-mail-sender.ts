import {
  createTransport,
  type SMTPSentMessageInfo,
  type SMTPTransportOptions,
  type Transporter,
} from 'nodemailer';
import type { Logger } from '../../shared/logger';
import type { Mail, MailSender } from './mail';

/**
 * Deadlines of one delivery. The relay sends while it holds the outbox rows' locks, so a
 * server that stalls must fail the attempt (retried later) rather than hold them for
 * nodemailer's defaults (2 minutes to connect, 10 of socket silence).
 */
export const SMTP_TIMEOUTS_MS = {
  dnsTimeout: 10_000,
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
} as const;

/** The whole send, for a server that answers just often enough to beat socketTimeout. */
export const SMTP_SEND_DEADLINE_MS = 60_000;

export interface SmtpMailSenderOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS). */
  url: string;
  from: string;
}

/** Sends each mail over SMTP, one connection per mail (the relay sends in small batches). */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;

  constructor(
    private readonly options: SmtpMailSenderOptions,
    private readonly log: Logger,
  ) {
    // No nodemailer logger: its debug output would include message bodies, tokens and all.
    this.transport = createTransport({ url: options.url, ...SMTP_TIMEOUTS_MS });
  }

  async send(mail: Mail): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      signal: AbortSignal.timeout(SMTP_SEND_DEADLINE_MS),
    });
    this.log.debug({ to: mail.to, subject: mail.subject, messageId: info.messageId }, 'mail sent');
  }
}
