/**
 * The contract's Topology table: one place that names every service, its default port,
 * its Postgres schema and its login role. Config, bootstrap, docker-compose and the tests
 * all read it from here.
 */
export const SUBGRAPH_NAMES = ['auth', 'users', 'course', 'booking', 'support'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export interface SubgraphTopology {
  readonly name: SubgraphName;
  readonly defaultPort: number;
  readonly schema: string;
  readonly role: string;
}

export const GATEWAY_DEFAULT_PORT = 4000;

export const TOPOLOGY: Readonly<Record<SubgraphName, SubgraphTopology>> = {
  auth: { name: 'auth', defaultPort: 4001, schema: 'auth', role: 'auth_svc' },
  users: { name: 'users', defaultPort: 4002, schema: 'users', role: 'users_svc' },
  course: { name: 'course', defaultPort: 4003, schema: 'course', role: 'course_svc' },
  booking: { name: 'booking', defaultPort: 4004, schema: 'booking', role: 'booking_svc' },
  support: { name: 'support', defaultPort: 4005, schema: 'support', role: 'support_svc' },
};

/** `AUTH`, `USERS`, …: the prefix of a service's own environment variables. */
export const envPrefix = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
