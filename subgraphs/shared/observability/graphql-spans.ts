import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { campusTracer, tracingEnabled } from './tracing';

export const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
export const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
export const ATTR_PERSISTED_DOCUMENT_HASH = 'campus.persisted_document.hash';

/** The request span learns the persisted document (SHA-256 hex) a client ran by hash. */
export function recordPersistedDocument(hash: string): void {
  trace.getActiveSpan()?.setAttribute(ATTR_PERSISTED_DOCUMENT_HASH, hash);
}

/** Name and type of an operation, as span attributes (never its text or variables). */
const operationAttributes = (name: string | null, type: string | undefined): Attributes => ({
  ...(name ? { [ATTR_GRAPHQL_OPERATION_NAME]: name } : {}),
  ...(type ? { [ATTR_GRAPHQL_OPERATION_TYPE]: type } : {}),
});

/**
 * The gateway's request span learns which operation the client ran (its name and type),
 * once Apollo Server has resolved it.
 */
export function operationOnRequestSpanPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      if (!tracingEnabled()) return Promise.resolve(undefined);
      return Promise.resolve({
        didResolveOperation({ operationName, operation }) {
          trace
            .getActiveSpan()
            ?.setAttributes(operationAttributes(operationName, operation?.operation));
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * One span per GraphQL operation a subgraph runs (a batch from the gateway is several), named
 * `graphql <operation name>`, under the request's SERVER span. It measures the operation;
 * its resolvers' DataLoader and SQL spans hang under the request span, since the operations
 * of a batch share one context and loaders.
 */
export function operationSpanPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      if (!tracingEnabled()) return Promise.resolve(undefined);
      const span = campusTracer().startSpan('graphql');
      return Promise.resolve({
        didResolveOperation({ operationName, operation }) {
          const type = operation?.operation;
          span.updateName(`graphql ${operationName ?? type ?? 'operation'}`);
          span.setAttributes(operationAttributes(operationName, type));
          return Promise.resolve();
        },
        didEncounterErrors() {
          // The errors' messages may quote variable values: only the fact is recorded.
          span.setStatus({ code: SpanStatusCode.ERROR });
          return Promise.resolve();
        },
        willSendResponse() {
          span.end();
          return Promise.resolve();
        },
      });
    },
  };
}
