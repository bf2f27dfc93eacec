import type { DataSource, EntityManager } from 'typeorm';
import { OutgoingMail } from '../entities/outgoing-mail';
import type { Mail } from './mail';
import type { MailRelay } from './mail-relay';

/**
 * Writes a mail to `auth.mail_outbox` in the caller's transaction: it is sent only if the
 * change that calls for it commits, and it is not lost if sending fails.
 */
export async function enqueueMail(manager: EntityManager, mail: Mail): Promise<void> {
  await manager
    .getRepository(OutgoingMail)
    .insert({ recipient: mail.to, subject: mail.subject, body: mail.text });
}

// The relay of each subgraph instance, keyed by its DataSource (services get the
// ServiceContext, which does not carry the relay).
const relays = new WeakMap<DataSource, MailRelay>();

export const attachMailRelay = (db: DataSource, relay: MailRelay): void => {
  relays.set(db, relay);
};

/**
 * Call after the commit of a transaction that enqueued mail. Delivery runs in the
 * background: the mutation's answer (and its timing) never depends on the mail server,
 * and a sending failure cannot fail it. Without a relay the mail waits for the next start.
 */
export function deliverMailSoon(db: DataSource): void {
  relays.get(db)?.wake();
}
