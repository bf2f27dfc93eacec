import { postGraphQL, startInProcessSupergraph } from './in-process-supergraph';
import { loadConfig } from '../subgraphs/shared/config';
import { bootstrapDatabase } from '../subgraphs/shared/db/bootstrap';
import { rootLogger } from '../subgraphs/shared/logger';

/**
 * `npm run bench`: latency and throughput of the five-subgraph dashboard query through the
 * gateway, against the server DATABASE_URL names (e.g. the embedded one `npm start` runs:
 * postgres://postgres:<postgresAdminPassword from .data/secrets.json>@localhost:55432/campus).
 * Everything runs on free ports in this process; requests are bounded in number.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const DASHBOARD = `{ me { email role name
  enrollments { status course { title instructor { name } } }
  bookings { status course { title seatsLeft } }
  supportSessions { subject assignee { name } messages { body sender { name } } } } }`;

async function post(url: string, query: string, token?: string): Promise<unknown> {
  const { body } = await postGraphQL(url, query, { token });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function main(): Promise<void> {
  const base = await loadConfig();
  if (!base.adminDatabaseUrl) throw new Error('Set DATABASE_URL to an admin connection');
  await bootstrapDatabase(base.adminDatabaseUrl, base.db, base.dbPasswords);
  const supergraph = await startInProcessSupergraph(
    base,
    rootLogger.child({ bench: true }, { level: 'warn' }),
  );
  const url = supergraph.gatewayUrl;
  const login = (await post(
    url,
    'mutation { logIn(email: "student1@campus.test", password: "campus-demo") { accessToken } }',
  )) as {
    logIn: { accessToken: string };
  };
  const token = login.logIn.accessToken;
  for (let i = 0; i < 50; i += 1) await post(url, DASHBOARD, token); // warm-up

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t = performance.now();
        await post(url, DASHBOARD, token);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies[Math.floor((latencies.length - 1) * p)] ?? 0).toFixed(1);
  console.log(
    `dashboard query (5 subgraphs): ${latencies.length} requests, concurrency ${CONCURRENCY}: ` +
      `${(latencies.length / seconds).toFixed(0)} req/s, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms`,
  );
  await supergraph.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
