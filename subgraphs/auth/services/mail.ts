import type { Logger } from '../../shared/logger';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Where mail leaves the system (SMTP, an API, …): the one pluggable boundary. */
export interface MailSender {
  send(mail: Mail): Promise<void>;
}

export interface LogMailSenderOptions {
  /** Log the body too. Bodies carry live reset and verification tokens: development only. */
  includeBody?: boolean;
}

/**
 * Writes each mail to the log, for development and demos. By default only recipient and
 * subject: a token read from a log is a password reset for whoever reads the log.
 */
export class LogMailSender implements MailSender {
  constructor(
    private readonly log: Logger,
    private readonly options: LogMailSenderOptions = {},
  ) {}

  send(mail: Mail): Promise<void> {
    const logged = this.options.includeBody ? mail : { to: mail.to, subject: mail.subject };
    this.log.info({ mail: logged }, `mail to ${mail.to}: ${mail.subject}`);
    return Promise.resolve();
  }
}
