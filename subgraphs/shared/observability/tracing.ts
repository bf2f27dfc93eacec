import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { ObservabilityConfig } from '../config';
import type { Logger } from '../logger';
import { instrumentPg } from './pg-spans';

/** The process's tracing: on (spans exported) or off (no SDK registered at all). */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is still buffered, then stops; call once, on exit. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /**
   * The service this process runs (`auth`, `gateway`…), `campus-<serviceName>` in traces
   * unless OTEL_SERVICE_NAME is set; `campus` for every service in one process (npm start).
   */
  serviceName: string;
  config: ObservabilityConfig;
  /** Spans go here instead of OTLP, one by one (tests: InMemorySpanExporter). */
  exporter?: SpanExporter;
  log: Logger;
}

/** How long one OTLP export may take before it is given up (spans are then dropped). */
const EXPORT_TIMEOUT_MS = 10_000;

const OFF: Tracing = { enabled: false, shutdown: () => Promise.resolve() };

// OpenTelemetry's provider, context manager and propagator are process-global by design:
// the first call decides for the whole process (npm start runs every service in one).
let current: Tracing | undefined;

/** Whether this process records spans; the HTTP layer takes its cheap path when not. */
export const tracingEnabled = (): boolean => current?.enabled === true;

/** The tracer of Campus's own spans (a no-op one while tracing is off). */
export const campusTracer = (): Tracer => trace.getTracer('campus');

/**
 * Starts tracing for this process, before anything loads pg or TypeORM, when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test hands an exporter). Otherwise it registers
 * nothing, so spans cost nothing; the HTTP layer still answers with a trace id.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (current) return current;
  const { config, exporter, log } = options;
  const endpoint = config.otlpEndpoint?.replace(/\/+$/, '');
  if (!endpoint && !exporter) {
    current = OFF;
    return current;
  }
  const serviceName =
    config.serviceName ??
    (options.serviceName === 'campus' ? 'campus' : `campus-${options.serviceName}`);
  const processor = exporter
    ? new SimpleSpanProcessor({ exporter })
    : new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({
          url: `${endpoint}/v1/traces`,
          timeoutMillis: EXPORT_TIMEOUT_MS,
        }),
        exportTimeoutMillis: EXPORT_TIMEOUT_MS,
      });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    // A caller's decision (its traceparent's sampled flag) wins; new traces by the ratio.
    sampler: new ParentBasedSampler({
      root: new TraceIdRatioBasedSampler(config.traceSampleRatio),
    }),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // @apollo/gateway's spans reach this provider only if it shares our copy of the API:
  // package.json pins @opentelemetry/api (and the SDK's 2.x line) to what it accepts.
  trace.setGlobalTracerProvider(provider);
  const unpatchPg = instrumentPg(provider);
  // The collector's host only: a URL may carry credentials.
  const to = endpoint ? new URL(endpoint).host : 'in-process exporter';
  log.info({ serviceName, to, sampleRatio: config.traceSampleRatio }, 'tracing on');

  let stopped: Promise<void> | undefined;
  current = {
    enabled: true,
    shutdown() {
      stopped ??= provider
        .shutdown()
        .catch((error: unknown) => log.warn({ err: error }, 'trace export on shutdown failed'))
        .finally(() => {
          unpatchPg();
          trace.disable();
          propagation.disable();
          context.disable();
          current = undefined;
        });
      return stopped;
    },
  };
  return current;
}
