import type { DataSource } from 'typeorm';
import type { Logger } from '../../shared/logger';
import type { MailSender } from './mail';

/** A mail that failed this many times stays in the outbox with its last error, for a human. */
export const MAX_MAIL_ATTEMPTS = 5;
const BATCH_SIZE = 20;

interface PendingMail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Delivers `auth.mail_outbox` at least once. Rows are claimed with FOR UPDATE SKIP LOCKED,
 * so several relays (or instances) never send the same row concurrently; a crash between
 * sending and committing sends that mail again, which is the at-least-once trade-off.
 */
export class MailRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(
    private readonly db: DataSource,
    private readonly sender: MailSender,
    private readonly log: Logger,
  ) {}

  /** Starts a delivery pass, or schedules one more if a pass is running. Never throws. */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.passes().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once no pass is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** No new passes (the service is stopping); what is left is sent on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private async passes(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.deliverPending();
      } catch (error) {
        this.log.error({ err: error }, 'mail relay pass failed; mail stays in the outbox');
      }
    } while (this.again && !this.closed);
  }

  /** One pass over what is pending now; each row is tried at most once per pass. */
  async deliverPending(): Promise<number> {
    const tried: string[] = [];
    let sent = 0;
    for (;;) {
      const claimed = await this.db.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT "id", "recipient", "subject", "body" FROM "auth"."mail_outbox"
            WHERE "sent_at" IS NULL AND "attempts" < $1 AND NOT ("id" = ANY($2::uuid[]))
            ORDER BY "created_at"
            LIMIT $3
              FOR UPDATE SKIP LOCKED`,
          [MAX_MAIL_ATTEMPTS, tried, BATCH_SIZE],
        )) as PendingMail[];
        for (const row of rows) {
          tried.push(row.id);
          try {
            await this.sender.send({ to: row.recipient, subject: row.subject, text: row.body });
            // The body carries a live token: once delivered, it has no business staying here.
            await manager.query(
              `UPDATE "auth"."mail_outbox"
                  SET "sent_at" = now(), "attempts" = "attempts" + 1, "last_error" = NULL,
                      "body" = ''
                WHERE "id" = $1`,
              [row.id],
            );
            sent += 1;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            this.log.warn({ err: error, mailId: row.id }, 'sending mail failed; will retry');
            await manager.query(
              `UPDATE "auth"."mail_outbox"
                  SET "attempts" = "attempts" + 1, "last_error" = $2
                WHERE "id" = $1`,
              [row.id, message.slice(0, 2000)],
            );
          }
        }
        return rows.length;
      });
      if (claimed < BATCH_SIZE) return sent;
    }
  }
}
