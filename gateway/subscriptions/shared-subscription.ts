import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { FormattedExecutionResult, Sink } from 'graphql-ws';
import type { Logger } from '../../subgraphs/shared/logger';
import { FORBIDDEN_CLOSE_CODE } from './connection-watch';
import type { SubscriptionPlan } from './operation-plan';

export interface SubscriptionListener {
  push(result: ExecutionResult): void;
  end(): void;
}

export type UpstreamSink = Sink<FormattedExecutionResult<Record<string, unknown>, unknown>>;

/** graphql-ws hands us formatted errors; its server wants GraphQLError instances back. */
export const toGraphQLErrors = (errors: readonly GraphQLFormattedError[]): GraphQLError[] =>
  errors.map(
    (e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions ?? undefined }),
  );

export type InterruptionReason = 'SUBSCRIPTION_INTERRUPTED' | 'SHUTTING_DOWN';

const unavailable = (message: string, reason: InterruptionReason = 'SUBSCRIPTION_INTERRUPTED') =>
  new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR', reason } });

/**
 * One upstream subscription and everyone listening to it. Events are handled one at a
 * time, in the order the subgraph sent them: each is resolved by `refetch` (the client's
 * selection, through the supergraph) and the same result goes to every listener. When the
 * last listener leaves, the upstream subscription ends.
 */
export class SharedSubscription {
  private readonly listeners = new Set<SubscriptionListener>();
  private queue: Promise<void> = Promise.resolve();
  private stopUpstream: (() => void) | undefined;
  private finished = false;

  constructor(
    private readonly plan: SubscriptionPlan,
    private readonly refetch: (id: string) => Promise<ExecutionResult>,
    private readonly onFinished: (subscription: SharedSubscription) => void,
    private readonly log: Logger,
  ) {}

  get ended(): boolean {
    return this.finished;
  }

  get size(): number {
    return this.listeners.size;
  }

  start(upstream: (sink: UpstreamSink) => () => void): void {
    this.stopUpstream = upstream({
      next: (result) => this.enqueue(() => this.deliver(result)),
      error: (error) =>
        this.enqueue(() => {
          const errors = Array.isArray(error)
            ? toGraphQLErrors(error as GraphQLFormattedError[])
            : [this.upstreamClosed(error)];
          this.broadcast({ errors });
          this.finish();
        }),
      complete: () => this.enqueue(() => this.finish()),
    });
  }

  /**
   * The upstream socket closed. 4403 means the subgraph no longer accepts the token (the
   * session ended): the client is told so, as the gateway itself would; anything else is
   * an interruption to resume from.
   */
  private upstreamClosed(error: unknown): GraphQLError {
    if ((error as { code?: unknown } | null)?.code === FORBIDDEN_CLOSE_CODE) {
      return new GraphQLError('This session has ended. Sign in again.', {
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    return unavailable(
      `The ${this.plan.subgraph} subgraph went away. Subscribe again (with \`after\` where the field has it) to resume.`,
    );
  }

  add(listener: SubscriptionListener): void {
    if (this.finished) listener.end();
    else this.listeners.add(listener);
  }

  remove(listener: SubscriptionListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.finish();
  }

  /** Ends it for everyone with an error (the supergraph changed, the gateway stops). */
  interrupt(message: string, reason?: InterruptionReason): void {
    if (this.finished) return;
    this.broadcast({ errors: [unavailable(message, reason)] });
    this.finish();
  }

  private enqueue(step: () => void | Promise<void>): void {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      this.log.error({ err: error }, 'subscription event failed');
      this.interrupt('A subscription event could not be resolved. Subscribe again.');
    });
  }

  private async deliver(result: FormattedExecutionResult<Record<string, unknown>, unknown>) {
    if (this.finished) return;
    const entity = result.data?.[this.plan.field] as { id?: unknown } | null | undefined;
    if (result.errors?.length || typeof entity?.id !== 'string') {
      // Refused upstream (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND…): the client gets why.
      this.broadcast({
        errors: toGraphQLErrors(result.errors ?? [{ message: 'The subgraph sent no event.' }]),
      });
      this.finish();
      return;
    }
    this.broadcast(await this.refetch(entity.id));
  }

  private broadcast(result: ExecutionResult): void {
    for (const listener of this.listeners) listener.push(result);
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.stopUpstream?.();
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
    this.onFinished(this);
  }
}
