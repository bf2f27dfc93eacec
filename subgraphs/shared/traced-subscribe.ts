import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Context,
} from '@opentelemetry/api';
import { Kind, getOperationAST, subscribe, type ExecutionArgs } from 'graphql';

type SubscribeResult = Awaited<ReturnType<typeof subscribe>>;

/** The first root field of the operation: what the subscription is named after. */
function subscribedField(args: ExecutionArgs): string {
  const operation = getOperationAST(args.document, args.operationName);
  const first = operation?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : 'unknown';
}

/**
 * Traces a subgraph subscription's setup (the field's subscribe resolver: its checks and
 * reads) as a SERVER span `subscription <field>`, continuing the trace whose context the
 * gateway sent in the subscribe payload's `extensions.traceparent`. graphql-ws hands that
 * payload only to `context`, not to `subscribe`: `remember` ties the trace context to the
 * operation's context value, which `subscribe` receives. The events streamed afterwards are
 * not part of it. Through @opentelemetry/api only: a no-op while no provider is registered.
 */
export function tracedSubscriptions() {
  const parents = new WeakMap<object, Context>();
  return {
    remember<C extends object>(
      value: C,
      extensions: Readonly<Record<string, unknown>> | null | undefined,
    ): C {
      const traceparent = extensions?.traceparent;
      if (typeof traceparent === 'string') {
        parents.set(value, propagation.extract(ROOT_CONTEXT, { traceparent }));
      }
      return value;
    },
    async subscribe(args: ExecutionArgs): Promise<SubscribeResult> {
      const value = args.contextValue;
      const parent = (typeof value === 'object' && value && parents.get(value)) || ROOT_CONTEXT;
      const field = subscribedField(args);
      const span = trace.getTracer('campus-subscriptions').startSpan(
        `subscription ${field}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'graphql.operation.type': 'subscription',
            'campus.subscription.field': field,
          },
        },
        parent,
      );
      try {
        const result = await context.with(trace.setSpan(parent, span), () => subscribe(args));
        // Refused (UNAUTHENTICATED, FORBIDDEN…): an execution result instead of a stream.
        if (!(Symbol.asyncIterator in result)) span.setStatus({ code: SpanStatusCode.ERROR });
        return result;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  };
}
