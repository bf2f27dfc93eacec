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

/** The default sender: writes each mail to the log, for development and demos. */
export class LogMailSender implements MailSender {
  constructor(private readonly log: Logger) {}

  send(mail: Mail): Promise<void> {
    this.log.info({ mail }, `mail to ${mail.to}: ${mail.subject}`);
    return Promise.resolve();
  }
}
