import { GraphQLError } from 'graphql';
import type { ServiceMetrics } from '../../shared/observability/metrics';

/**
 * Counts a sign-in refused with RATE_LIMITED (too many failures, or the shared counters
 * unreachable): `campus_login_rate_limited_total`. A rise is guessing, or Redis trouble.
 */
export function countIfRateLimited(metrics: ServiceMetrics, error: unknown): void {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'RATE_LIMITED') return;
  metrics
    .counter({
      name: 'campus_login_rate_limited_total',
      help: 'Sign-in attempts refused with RATE_LIMITED.',
    })
    .inc();
}
