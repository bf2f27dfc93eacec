import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getOperationAST } from 'graphql';
import {
  BoundedLabelValues,
  MAX_OPERATION_NAMES,
  errorCodeLabel,
  operationLabel,
} from './metrics-labels';
import { LATENCY_BUCKETS_SECONDS, type ServiceMetrics } from './metrics';

/**
 * Requests, errors by code and durations of every GraphQL operation a service runs: the same
 * plugin on the gateway and on each subgraph (a subgraph counts each operation of a batch).
 * Labels: the operation's name (bounded, see metrics-labels.ts), its type, an error's code.
 */
export function graphqlMetricsPlugin<T extends BaseContext>(
  metrics: ServiceMetrics,
): ApolloServerPlugin<T> {
  const names = new BoundedLabelValues(MAX_OPERATION_NAMES);
  const requests = metrics.counter({
    name: 'campus_graphql_requests_total',
    help: 'GraphQL operations answered, by operation name and type (unknown: not resolved).',
    labelNames: ['operation', 'type'],
  });
  const errors = metrics.counter({
    name: 'campus_graphql_errors_total',
    help: 'GraphQL errors answered, by operation name and extensions.code.',
    labelNames: ['operation', 'code'],
  });
  const duration = metrics.histogram({
    name: 'campus_graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response.',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS_SECONDS,
  });

  return {
    async requestDidStart() {
      const started = performance.now();
      const codes: string[] = [];
      return {
        async didEncounterErrors({ errors: encountered }) {
          for (const error of encountered) codes.push(errorCodeLabel(error.extensions?.code));
        },
        async willSendResponse({ operation, operationName, document, request }) {
          // The resolved operation; else (it did not validate) the document's, if it parsed.
          const named = operation ?? (document && getOperationAST(document, request.operationName));
          const name = operationLabel(names, operationName ?? named?.name?.value);
          requests.inc({ operation: name, type: named?.operation ?? 'unknown' });
          duration.observe({ operation: name }, (performance.now() - started) / 1000);
          for (const code of codes) errors.inc({ operation: name, code });
        },
      };
    },
  };
}
