import { postGraphQL, startInProcessSupergraph } from './in-process-supergraph';
import { loadConfig } from '../subgraphs/shared/config';
import { bootstrapDatabase } from '../subgraphs/shared/db/bootstrap';
import { rootLogger } from '../subgraphs/shared/logger';

/**
 * `npm run bench`: latency and throughput through the gateway, against the server
 * DATABASE_URL names (e.g. the embedded one `npm start` runs:
 * postgres://postgres:<postgresAdminPassword from .data/secrets.json>@localhost:55432/campus).
 * Two scenarios: the five-subgraph dashboard query (reads), and a registration rush (many
 * students registering for one course at once: the contended write path). Everything runs
 * on free ports in this process; requests are bounded in number.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const RUSH_STUDENTS = Number(process.env.BENCH_RUSH_STUDENTS ?? 200);
const RUSH_SEATS = Math.floor(RUSH_STUDENTS / 2);

const DASHBOARD = `{ me { email role name
  enrollments { status course { title instructor { name } } }
  bookings { status course { title seatsLeft } }
  supportSessions { subject assignee { name } messages { body sender { name } } } } }`;

async function post(
  url: string,
  query: string,
  token?: string,
  variables?: Record<string, unknown>,
): Promise<unknown> {
  const { body } = await postGraphQL(url, query, { token, variables });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Runs `count` operations with `concurrency` in flight; prints throughput and latencies. */
async function measure(
  label: string,
  count: number,
  concurrency: number,
  operation: (i: number) => Promise<unknown>,
): Promise<void> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        const t = performance.now();
        await operation(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies[Math.floor((latencies.length - 1) * p)] ?? 0).toFixed(1);
  console.log(
    `${label}: ${latencies.length} requests, concurrency ${concurrency}: ` +
      `${(latencies.length / seconds).toFixed(0)} req/s, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms`,
  );
}

const REGISTER = `mutation($input: RegisterForCourseInput!) {
  registerForCourse(input: $input) { id } }`;

/** A published course with `seats` seats, made by a demo instructor through the API. */
async function publishedCourse(url: string, seats: number): Promise<string> {
  const { logIn } = (await post(
    url,
    'mutation { logIn(email: "instructor1@campus.test", password: "campus-demo") { accessToken } }',
  )) as { logIn: { accessToken: string } };
  const { createCourse } = (await post(
    url,
    'mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }',
    logIn.accessToken,
    {
      input: {
        slug: `bench-${Date.now().toString(36)}`,
        title: 'Benchmark rush',
        level: 'BEGINNER',
        capacity: seats,
      },
    },
  )) as { createCourse: { id: string } };
  await post(url, 'mutation($id: ID!) { publishCourse(id: $id) { id } }', logIn.accessToken, {
    id: createCourse.id,
  });
  return createCourse.id;
}

/** Signs up `count` fresh students (setup, not measured) and returns their tokens. */
async function students(url: string, count: number): Promise<string[]> {
  const run = Date.now().toString(36);
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { signUp } = (await post(
      url,
      'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      undefined,
      {
        input: {
          email: `bench-${run}-${i}@campus.test`,
          password: 'benchmark-password',
          firstName: 'Bench',
          lastName: `Student ${i}`,
        },
      },
    )) as { signUp: { accessToken: string } };
    tokens.push(signUp.accessToken);
  }
  return tokens;
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
  await measure('dashboard query (5 subgraphs)', REQUESTS, CONCURRENCY, () =>
    post(url, DASHBOARD, token),
  );

  // The rush: twice as many students as seats, all at once; half must get CONFLICT.
  const courseId = await publishedCourse(url, RUSH_SEATS);
  const tokens = await students(url, RUSH_STUDENTS);
  let booked = 0;
  let full = 0;
  await measure('registerForCourse rush (one course)', RUSH_STUDENTS, CONCURRENCY, async (i) => {
    const { body } = await postGraphQL(url, REGISTER, {
      token: tokens[i],
      variables: { input: { courseId, idempotencyKey: `rush-${i}` } },
    });
    if (body.data) booked += 1;
    else if (body.errors?.[0]?.extensions?.code === 'CONFLICT') full += 1;
    else throw new Error(JSON.stringify(body.errors));
  });
  console.log(`  ${booked} booked, ${full} CONFLICT (course full), ${RUSH_SEATS} seats`);
  await supergraph.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
