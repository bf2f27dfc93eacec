import { SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';

/** Marks a span failed, naming the error's class only (messages may quote row values). */
export function markFailed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', error instanceof Error ? error.constructor.name : typeof error);
}

/**
 * Runs `work` with `span` active (its children nest under it), ends the span when `work`
 * settles, and marks it failed when `work` throws.
 */
export async function withinSpan<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(context.active(), span), work);
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}
