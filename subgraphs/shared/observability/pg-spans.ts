import type { TracerProvider } from '@opentelemetry/api';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import pg from 'pg';

/**
 * A span for every SQL statement (name, `db.query.text` with its `$n` placeholders,
 * never the values) on the `pg` module this process uses, under the span that issued it.
 *
 * The instrumentation's usual way in is a require hook, which sees nothing under jest's
 * module registry and nothing already loaded; patching the very `pg` module object that
 * TypeORM will load works in jest, tsx and the build alike. Returns the unpatch.
 */
export function instrumentPg(provider: TracerProvider, pgModule: typeof pg = pg): () => void {
  const instrumentation = new PgInstrumentation({
    // No require hook: the module is patched below.
    enabled: false,
    // Parameter values (passwords, e-mails, message bodies) never go into a span.
    enhancedDatabaseReporting: false,
    // Statements outside any request (event relays polling, migrations) start no traces.
    requireParentSpan: true,
  });
  instrumentation.setTracerProvider(provider);
  const definition = instrumentation.getModuleDefinitions().find((d) => d.name === 'pg');
  if (!definition?.patch || !definition.unpatch) throw new Error('instrumentation-pg has no pg');
  const { patch, unpatch } = definition;
  patch(pgModule);
  return () => void unpatch(pgModule);
}
