import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadDevSecrets, type DevSecrets } from './secrets';
import {
  GATEWAY_DEFAULT_PORT,
  SUBGRAPH_NAMES,
  TOPOLOGY,
  envPrefix,
  type SubgraphName,
} from './topology';

/**
 * The folder holding package.json: the checkout when run from source
 * (subgraphs/shared/config.ts) and when run from the build (dist/subgraphs/shared/config.js),
 * /app in the image. Files read at run time (SUPERGRAPH_PATH, .data) resolve from here.
 */
export const REPO_ROOT = findPackageRoot(__dirname);

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..', '..');
  }
}

export interface DatabaseConfig {
  host: string;
  port: number;
  database: string;
}

export interface JwtConfig {
  /** PEM (SPKI) public key every service verifies access tokens with. */
  publicKey: string;
  /** PEM (PKCS#8) private key; only the auth subgraph needs it. */
  privateKey?: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
}

/** Outgoing mail (auth only). Without an SMTP URL, mail is logged, which production refuses. */
export interface MailConfig {
  /** `smtp://` (STARTTLS when offered) or `smtps://` (TLS), credentials in the URL. */
  smtpUrl?: string;
  /** The From header, e.g. `Campus <no-reply@campus.example>`. */
  from?: string;
}

/**
 * Trusted documents at the gateway (gateway/persisted-documents.ts). `apq`: operations by
 * hash from the manifest, automatic persisted queries and ad-hoc queries for everyone;
 * `enforce`: only the manifest's operations run.
 */
export interface TrustedDocumentsConfig {
  mode: 'apq' | 'enforce';
  /** The manifest, `{ sha256 hash: document }` (the client preset's persisted documents). */
  manifestPath: string;
  /** PERSISTED_DOCUMENTS_FILE named it: then it must be readable in any mode. */
  manifestNamed: boolean;
}

/** Where `npm run codegen` writes the client preset's manifest, from the package root. */
export const DEFAULT_PERSISTED_DOCUMENTS_FILE = 'clients/generated/persisted-documents.json';

export interface CampusConfig {
  nodeEnv: 'development' | 'test' | 'production';
  production: boolean;
  dataDir: string;
  db: DatabaseConfig;
  /** Admin connection (DATABASE_URL); only bootstrap uses it. Absent: embedded PostgreSQL. */
  adminDatabaseUrl?: string;
  embeddedPostgresPort: number;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  dbPasswords: Record<SubgraphName, string>;
  gatewaySecret: string;
  jwt: JwtConfig;
  supergraphPath: string;
  /** `<NAME>_SUBGRAPH_URL` overrides of the URLs written in the supergraph. */
  subgraphUrlOverrides: Record<string, string>;
  seedDemoData: boolean;
  redisUrl?: string;
  /** The gateway's deadline for one subgraph call (HTTP fetch, upstream socket handshake). */
  subgraphTimeoutMs: number;
  mail: MailConfig;
  trustedDocuments: TrustedDocumentsConfig;
  observability: ObservabilityConfig;
}

/** Traces (OpenTelemetry over OTLP) and metrics (Prometheus text at /metrics). */
export interface ObservabilityConfig {
  /**
   * OTEL_EXPORTER_OTLP_ENDPOINT (the collector's base URL; traces go to /v1/traces). Unset:
   * no tracing SDK at all, so tracing costs nothing.
   */
  otlpEndpoint?: string;
  /** OTEL_TRACES_SAMPLER_ARG: the share of new traces recorded (0..1); a parent's choice wins. */
  traceSampleRatio: number;
  /** OTEL_SERVICE_NAME: overrides `campus-<service>` as the traces' service name. */
  serviceName?: string;
  /**
   * METRICS_TOKEN: when set, /metrics on the service's port answers only
   * `Authorization: Bearer <token>`. In production, without it (or METRICS_PORT), the
   * service's port does not serve /metrics at all.
   */
  metricsToken?: string;
  /**
   * METRICS_PORT: serve /metrics (no token) on this port as well, a port kept off the
   * public network. One process with several services (npm start) serves them all there,
   * each with its `service` label.
   */
  metricsPort?: number;
}

/** Every environment variable the services read, for the README and the compose test. */
export const CONFIG_ENV_VARS = [
  'NODE_ENV',
  'LOG_LEVEL',
  'CAMPUS_DATA_DIR',
  'DATABASE_URL',
  'EMBEDDED_PG_PORT',
  'DB_HOST',
  'DB_PORT',
  'DB_NAME',
  'GATEWAY_PORT',
  'GATEWAY_SECRET',
  'JWT_PUBLIC_KEY',
  'JWT_PRIVATE_KEY',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'ACCESS_TOKEN_TTL_SECONDS',
  'SUPERGRAPH_PATH',
  'SUBGRAPH_TIMEOUT_MS',
  'SEED_DEMO_DATA',
  'REDIS_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'TRUSTED_DOCUMENTS',
  'PERSISTED_DOCUMENTS_FILE',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_SERVICE_NAME',
  'METRICS_TOKEN',
  'METRICS_PORT',
  ...SUBGRAPH_NAMES.flatMap((n) => [
    `${envPrefix(n)}_PORT`,
    `${envPrefix(n)}_DB_PASSWORD`,
    `${envPrefix(n)}_SUBGRAPH_URL`,
  ]),
] as const;

const port = z.coerce.number().int().min(0).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  CAMPUS_DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: port.default(55432),
  DB_HOST: z.string().optional(),
  DB_PORT: port.optional(),
  DB_NAME: z.string().optional(),
  GATEWAY_PORT: port.default(GATEWAY_DEFAULT_PORT),
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_ISSUER: z.string().default('campus-auth'),
  JWT_AUDIENCE: z.string().default('campus'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SEED_DEMO_DATA: bool.optional(),
  REDIS_URL: z.string().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(1).optional(),
  TRUSTED_DOCUMENTS: z.enum(['apq', 'enforce']).default('apq'),
  PERSISTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  // Empty means unset, so compose can pass `${VAR:-}` through (the observability profile).
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetWhenEmpty(z.url({ protocol: /^https?$/ }).optional()),
  OTEL_TRACES_SAMPLER_ARG: unsetWhenEmpty(z.coerce.number().min(0).max(1).default(1)),
  OTEL_SERVICE_NAME: unsetWhenEmpty(z.string().min(1).optional()),
  METRICS_TOKEN: unsetWhenEmpty(z.string().min(16).optional()),
  METRICS_PORT: unsetWhenEmpty(port.optional()),
});

type Env = Record<string, string | undefined>;

/** Database host, port and name: explicit DB_* first, then DATABASE_URL, then embedded. */
function databaseConfig(env: z.infer<typeof EnvSchema>): DatabaseConfig {
  const admin = env.DATABASE_URL ? new URL(env.DATABASE_URL) : undefined;
  return {
    host: env.DB_HOST ?? admin?.hostname ?? 'localhost',
    port: env.DB_PORT ?? (admin?.port ? Number(admin.port) : admin ? 5432 : env.EMBEDDED_PG_PORT),
    database: env.DB_NAME ?? (admin ? admin.pathname.slice(1) || 'postgres' : 'campus'),
  };
}

/**
 * Reads the configuration from the environment. Secrets not given in the environment are
 * taken from the generated dev secrets file, except in production, where that is an error.
 */
export async function loadConfig(rawEnv: Env = process.env): Promise<CampusConfig> {
  const env = EnvSchema.parse(rawEnv);
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(REPO_ROOT, env.CAMPUS_DATA_DIR ?? '.data');

  const dev = production ? undefined : await loadDevSecrets(dataDir);
  const missing: string[] = [];
  const secret = (name: string, fromDev: (d: DevSecrets) => string): string => {
    const value = rawEnv[name];
    if (value) return value;
    if (dev) return fromDev(dev);
    missing.push(name);
    return '';
  };

  const subgraphPorts = {} as Record<SubgraphName, number>;
  const dbPasswords = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const prefix = envPrefix(name);
    subgraphPorts[name] = port.default(TOPOLOGY[name].defaultPort).parse(rawEnv[`${prefix}_PORT`]);
    dbPasswords[name] = secret(`${prefix}_DB_PASSWORD`, (d) => d.dbPasswords[name]);
  }
  const gatewaySecret = secret('GATEWAY_SECRET', (d) => d.gatewaySecret);
  const publicKey = secret('JWT_PUBLIC_KEY', (d) => d.jwtPublicKey);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables in production: ${missing.join(', ')}`);
  }

  const subgraphUrlOverrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawEnv)) {
    const match = /^(.+)_SUBGRAPH_URL$/.exec(key);
    if (match?.[1] && value) subgraphUrlOverrides[match[1]] = value;
  }

  return {
    nodeEnv: env.NODE_ENV,
    production,
    dataDir,
    db: databaseConfig(env),
    adminDatabaseUrl: env.DATABASE_URL,
    embeddedPostgresPort: env.EMBEDDED_PG_PORT,
    gatewayPort: env.GATEWAY_PORT,
    subgraphPorts,
    dbPasswords,
    gatewaySecret,
    jwt: {
      publicKey,
      privateKey: env.JWT_PRIVATE_KEY ?? dev?.jwtPrivateKey,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    },
    supergraphPath: path.resolve(REPO_ROOT, env.SUPERGRAPH_PATH),
    subgraphUrlOverrides,
    seedDemoData: env.SEED_DEMO_DATA ?? false,
    redisUrl: env.REDIS_URL,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    trustedDocuments: {
      mode: env.TRUSTED_DOCUMENTS,
      manifestPath: path.resolve(
        REPO_ROOT,
        env.PERSISTED_DOCUMENTS_FILE ?? DEFAULT_PERSISTED_DOCUMENTS_FILE,
      ),
      manifestNamed: env.PERSISTED_DOCUMENTS_FILE !== undefined,
    },
    observability: {
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      traceSampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
      serviceName: env.OTEL_SERVICE_NAME,
      metricsToken: env.METRICS_TOKEN,
      metricsPort: env.METRICS_PORT,
    },
  };
}
