import type { CampusConfig } from '../../shared/config';
import type { Logger } from '../../shared/logger';
import { LogMailSender, type MailSender } from './mail';
import { SmtpMailSender } from './smtp-mail-sender';

/** Outside production, mail to a catcher or a test server needs no real sender address. */
export const DEVELOPMENT_MAIL_FROM = 'Campus <no-reply@campus.test>';

/**
 * The auth subgraph's sender by configuration: SMTP when SMTP_URL is set, else the log.
 * Production refuses the log (its mail would reach nobody, and a log is no place for
 * tokens), so auth does not start there without SMTP_URL and MAIL_FROM.
 */
export function mailSenderFor(config: CampusConfig, log: Logger): MailSender {
  const { smtpUrl, from } = config.mail;
  if (config.production) {
    const missing = [smtpUrl ? null : 'SMTP_URL', from ? null : 'MAIL_FROM'].filter((n) => n);
    if (missing.length > 0) {
      throw new Error(
        `Missing required environment variables in production: ${missing.join(', ')} ` +
          '(auth sends password-reset and verification mail over SMTP)',
      );
    }
  }
  if (smtpUrl) {
    return new SmtpMailSender({ url: smtpUrl, from: from ?? DEVELOPMENT_MAIL_FROM }, log);
  }
  return new LogMailSender(log, { includeBody: config.nodeEnv === 'development' });
}
