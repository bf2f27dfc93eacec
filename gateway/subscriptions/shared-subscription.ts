import type { SpanContext } from '@opentelemetry/api';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { FormattedExecutionResult, Sink } from 'graphql-ws';
import type { Logger } from '../../subgraphs/shared/logger';
import type { GatewayContext } from '../viewer';
import { FORBIDDEN_CLOSE_CODE } from './connection-watch';
import type { SubscriptionPlan, UpstreamOperation } from './operation-plan';
import { traceSubscriptionEvent, traceUpstreamOpen } from './subscription-tracing';

export interface SubscriptionListener {
  /** The client's own context: its credentials may carry the subscription for everyone. */
  context: GatewayContext;
  push(result: ExecutionResult): void;
  end(): void;
}

export type UpstreamSink = Sink<FormattedExecutionResult<Record<string, unknown>, unknown>>;

/** Opens the upstream subscription with these credentials; returns how to stop it. */
export type OpenUpstream = (
  context: GatewayContext,
  operation: UpstreamOperation,
  sink: UpstreamSink,
) => () => void;

/** graphql-ws hands us formatted errors; its server wants GraphQLError instances back. */
export const toGraphQLErrors = (errors: readonly GraphQLFormattedError[]): GraphQLError[] =>
  errors.map(
    (e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions ?? undefined }),
  );

export type InterruptionReason = 'SUBSCRIPTION_INTERRUPTED' | 'SHUTTING_DOWN';

const unavailable = (message: string, reason: InterruptionReason = 'SUBSCRIPTION_INTERRUPTED') =>
  new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR', reason } });

const sessionEnded = () =>
  new GraphQLError('This session has ended. Sign in again.', {
    extensions: { code: 'UNAUTHENTICATED' },
  });

const isUnauthenticated = (
  errors: readonly { extensions?: Readonly<Record<string, unknown>> | null }[],
) => errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');

/**
 * One upstream subscription and everyone listening to it. Events are handled one at a
 * time, in the order the subgraph sent them: each is resolved by `refetch` (the clients'
 * selection, through the supergraph), and the same result goes to every listener. When
 * the last listener leaves, the upstream subscription ends.
 *
 * The upstream and each refetch run with the credentials of the longest-present listener.
 * When listeners share by role (`byRole`), those credentials ending (logOut, expiry) ends
 * only the listeners holding them: the others carry on under the next listener's
 * credentials, resuming `after` the last event where the field has it.
 */
export class SharedSubscription {
  private readonly listeners = new Set<SubscriptionListener>();
  private queue: Promise<void> = Promise.resolve();
  private stopUpstream: (() => void) | undefined;
  /** The credentials the upstream currently runs with. */
  private holder: GatewayContext | undefined;
  private lastEventId: string | undefined;
  private finished = false;
  /** The span that opened the current upstream: each event's span links to it. */
  private upstreamSpan: SpanContext | undefined;

  constructor(
    private readonly plan: SubscriptionPlan,
    private readonly refetch: (id: string, context: GatewayContext) => Promise<ExecutionResult>,
    private readonly openUpstream: OpenUpstream,
    private readonly byRole: boolean,
    private readonly onFinished: (subscription: SharedSubscription) => void,
    private readonly log: Logger,
  ) {}

  get ended(): boolean {
    return this.finished;
  }

  get size(): number {
    return this.listeners.size;
  }

  add(listener: SubscriptionListener): void {
    if (this.finished) return listener.end();
    this.listeners.add(listener);
    if (!this.holder) this.start(listener.context, this.plan.upstream);
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

  private start(holder: GatewayContext, operation: UpstreamOperation): void {
    this.holder = holder;
    let current = true;
    const sink: UpstreamSink = {
      next: (result) => current && this.enqueue(() => this.deliver(result)),
      error: (error) =>
        current &&
        this.enqueue(() => {
          if ((error as { code?: unknown } | null)?.code === FORBIDDEN_CLOSE_CODE) {
            return this.credentialsEnded(holder);
          }
          const errors = Array.isArray(error)
            ? toGraphQLErrors(error as GraphQLFormattedError[])
            : [
                unavailable(
                  `The ${this.plan.subgraph} subgraph went away. Subscribe again (with \`after\` where the field has it) to resume.`,
                ),
              ];
          if (isUnauthenticated(errors)) return this.credentialsEnded(holder);
          this.broadcast({ errors });
          this.finish();
        }),
      complete: () => current && this.enqueue(() => this.finish()),
    };
    const { opened: stop, spanContext } = traceUpstreamOpen(
      this.plan.field,
      this.plan.subgraph,
      () => this.openUpstream(holder, operation, sink),
    );
    this.upstreamSpan = spanContext;
    this.stopUpstream = () => {
      current = false;
      stop();
    };
  }

  /**
   * The subgraph no longer accepts the holder's token. Its listeners are told their session
   * ended; when sharing by role, the others go on under the next listener's credentials.
   */
  private credentialsEnded(holder: GatewayContext): void {
    this.stopUpstream?.();
    this.stopUpstream = undefined;
    for (const listener of [...this.listeners]) {
      if (!this.byRole || listener.context.authorization === holder.authorization) {
        listener.push({ errors: [sessionEnded()] });
        listener.end();
        this.listeners.delete(listener);
      }
    }
    const next = this.listeners.values().next();
    if (next.done) return this.finish();
    const resume =
      this.lastEventId && this.plan.resumeAfter
        ? this.plan.resumeAfter(this.lastEventId)
        : this.plan.upstream;
    this.log.debug({ field: this.plan.field }, 'shared subscription carried on by another viewer');
    this.start(next.value.context, resume);
  }

  private enqueue(step: () => void | Promise<void>): void {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      this.log.error({ err: error }, 'subscription event failed');
      this.interrupt('A subscription event could not be resolved. Subscribe again.');
    });
  }

  private async deliver(result: FormattedExecutionResult<Record<string, unknown>, unknown>) {
    if (this.finished || !this.holder) return;
    const entity = result.data?.[this.plan.field] as { id?: unknown } | null | undefined;
    if (result.errors?.length || typeof entity?.id !== 'string') {
      const errors = result.errors ?? [{ message: 'The subgraph sent no event.' }];
      if (isUnauthenticated(errors)) return this.credentialsEnded(this.holder);
      // Refused upstream (FORBIDDEN, NOT_FOUND…): the clients get why.
      this.broadcast({ errors: toGraphQLErrors(errors) });
      this.finish();
      return;
    }
    const id = entity.id;
    this.lastEventId = id;
    const event = {
      field: this.plan.field,
      subgraph: this.plan.subgraph,
      eventId: id,
      listeners: this.listeners.size,
    };
    await traceSubscriptionEvent(event, this.upstreamSpan, () => this.complete(id));
  }

  /** Completes an event through the supergraph and hands the result to every listener. */
  private async complete(id: string): Promise<void> {
    if (!this.holder) return;
    const holder = this.holder;
    const completed = await this.refetch(id, holder);
    if (completed.errors && isUnauthenticated(completed.errors) && this.byRole) {
      // The holder's session ended between the event and its completion.
      this.credentialsEnded(holder);
      const next = this.holder;
      if (this.finished || next === holder || !next) return;
      this.broadcast(await this.refetch(id, next));
      return;
    }
    this.broadcast(completed);
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
