/**
 * What the benchmark sends. Every virtual user (connection) has its own token; `rotating`
 * is a set of distinct operations, so a gateway's plan cache cannot serve them all.
 */
export interface BenchOperation {
  name: string;
  /** The operation for request number `i` (the same for all but `rotating`). */
  query: (i: number) => string;
}

export const DASHBOARD = `query StudentDashboard {
  me {
    email
    role
    name
    enrollments { status progressPercent course { title instructor { name } } }
    bookings { status course { title seatsLeft } }
    supportSessions { subject status assignee { name } messages { body sender { name } } }
  }
}`;

export const CATALOG = `query CatalogPage {
  courses(first: 50) {
    totalCount
    edges { node { id title level seatsLeft enrollmentCount instructor { name } } }
  }
}`;

export const ME = `query Me { me { email name } }`;

const ROTATING_FIELDS = ['email', 'role', 'status', 'name', 'firstName', 'lastName', 'bio'];

/** 2^7 - 1 distinct selections of `me`, each its own operation name. */
export const rotatingQuery = (i: number): string => {
  const mask = (i % (2 ** ROTATING_FIELDS.length - 1)) + 1;
  const fields = ROTATING_FIELDS.filter((_, bit) => mask & (1 << bit));
  return `query Rotating${mask} { me { id ${fields.join(' ')} } }`;
};

export const BENCH_OPERATIONS: BenchOperation[] = [
  { name: 'dashboard', query: () => DASHBOARD },
  { name: 'catalog', query: () => CATALOG },
  { name: 'me', query: () => ME },
  { name: 'rotating', query: rotatingQuery },
];
