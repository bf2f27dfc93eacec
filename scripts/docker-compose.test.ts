import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_ENV_VARS, REPO_ROOT } from '../subgraphs/shared/config';
import {
  GATEWAY_DEFAULT_PORT,
  SUBGRAPH_NAMES,
  TOPOLOGY,
  envPrefix,
} from '../subgraphs/shared/topology';
import { readSupergraphConfig } from './supergraph-config';

interface ComposeService {
  build?: string;
  profiles?: string[];
  volumes?: string[];
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  networks?: Record<string, { aliases?: string[] }>;
}

// No Docker engine runs here, so this checks what can be checked without one: the file is
// valid YAML whose services, ports, variables and commands agree with the code.
const compose = parseYaml(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService> };
const services = compose.services;
const scripts = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const supergraph = readSupergraphConfig();
const known = new Set<string>(CONFIG_ENV_VARS);

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Redis, a mail catcher, the bootstrap step, five subgraphs and the gateway', () => {
    const always = Object.entries(services).filter(([, s]) => !s.profiles);
    expect(always.map(([name]) => name).sort()).toEqual(
      [
        'booking',
        'course',
        'db-init',
        'gateway',
        'mailpit',
        'postgres',
        'redis',
        'support',
        'support-2',
        'auth',
        'users',
      ].sort(),
    );
    expect(existsSync(path.join(REPO_ROOT, 'Dockerfile'))).toBe(true);
  });

  it.each(SUBGRAPH_NAMES)('runs %s on the port supergraph.yaml routes to', (name) => {
    const service = services[name];
    const port = TOPOLOGY[name].defaultPort;
    const routing = new URL(supergraph.subgraphs[name]?.routing_url ?? '');
    expect(Number(routing.port)).toBe(port);
    expect(service?.environment?.[`${envPrefix(name)}_PORT`]).toBe(String(port));
    expect(service?.healthcheck?.test.join(' ')).toContain(`localhost:${port}/health`);
    expect(service?.depends_on?.['db-init']?.condition).toBe('service_completed_successfully');
    const gatewayUrl = new URL(
      services.gateway?.environment?.[`${envPrefix(name)}_SUBGRAPH_URL`] ?? '',
    );
    expect(gatewayUrl.hostname).toBe(name);
    expect(gatewayUrl.port).toBe(String(port));
    expect(gatewayUrl.pathname).toBe(routing.pathname);
    expect(services.gateway?.depends_on?.[name]?.condition).toBe('service_healthy');
  });

  it('publishes the gateway on its contract port (and the next, for a second replica) and nothing else', () => {
    expect(services.gateway?.ports).toEqual([
      `${GATEWAY_DEFAULT_PORT}-${GATEWAY_DEFAULT_PORT + 1}:${GATEWAY_DEFAULT_PORT}`,
    ]);
    expect(services.gateway?.environment?.GATEWAY_PORT).toBe(String(GATEWAY_DEFAULT_PORT));
    for (const name of SUBGRAPH_NAMES) expect(services[name]?.ports).toBeUndefined();
  });

  it('uses only environment variables the config module reads', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) continue; // third-party images have their own variables
      for (const variable of Object.keys(service.environment ?? {})) {
        expect([name, known.has(variable) ? variable : `unknown ${variable}`]).toEqual([
          name,
          variable,
        ]);
      }
    }
  });

  it('shares state through Redis in every Campus service, with a second support instance', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image || name === 'db-init') continue;
      expect([name, service.environment?.REDIS_URL]).toEqual([name, 'redis://redis:6379']);
    }
    const second = services['support-2'];
    expect(second?.command).toEqual(services.support?.command);
    expect(second?.environment?.SEED_DEMO_DATA).toBe('false');
    expect(second?.networks?.default?.aliases).toEqual(['support']);
  });

  it('starts every Campus service with plain node on the build, as an npm script does', () => {
    for (const [name, service] of Object.entries(services)) {
      // The observability profile's images run their own programs.
      if (!service.command || service.profiles) continue;
      const [node, file = '', ...rest] = service.command;
      expect([name, node, rest]).toEqual([name, 'node', []]);
      // dist/<entry>.js is what `npm run build` emits for <entry>.ts (scripts/build.test.ts).
      const entry = /^dist\/(.+)\.js$/.exec(file)?.[1] ?? `not under dist/: ${file}`;
      expect([name, existsSync(path.join(REPO_ROOT, `${entry}.ts`))]).toEqual([name, true]);
      expect([name, Object.values(scripts)]).toEqual([
        name,
        expect.arrayContaining([`node ${file}`]),
      ]);
    }
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      const entry = name === 'gateway' ? 'gateway/main' : `subgraphs/${name}/main`;
      expect(services[name]?.command).toEqual(['node', `dist/${entry}.js`]);
      expect(scripts[`start:prod:${name}`]).toBe(`node dist/${entry}.js`);
      expect(scripts[`start:${name}`]).toBe(`tsx ${entry}.ts`);
    }
  });

  it('builds dist/ in a build stage and runs it in a production stage without dev dependencies', () => {
    const stages = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')
      .split(/^FROM /m)
      .slice(1);
    expect(stages).toHaveLength(2);
    const [build = '', runtime = ''] = stages;
    expect(build).toMatch(/^RUN npm ci\b/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    // Read at run time: the supergraph (SUPERGRAPH_PATH); each schema.graphql is in dist/.
    expect(runtime).toMatch(/^COPY schema \.\/schema$/m);
    // The trusted-documents manifest, for TRUSTED_DOCUMENTS=enforce.
    const manifest = 'clients/generated/persisted-documents.json';
    expect(runtime).toContain(`COPY ${manifest} ./${manifest}`);
    expect(existsSync(path.join(REPO_ROOT, manifest))).toBe(true);
    expect(runtime).not.toMatch(/^COPY (gateway|subgraphs|scripts)\b/m);
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });

  it('sends auth mail over SMTP to the mail catcher, which it waits for', () => {
    const smtp = new URL(services.auth?.environment?.SMTP_URL ?? '');
    expect([smtp.protocol, smtp.hostname, smtp.port]).toEqual(['smtp:', 'mailpit', '1025']);
    expect(services.auth?.environment?.MAIL_FROM).toBeTruthy();
    expect(services.auth?.depends_on?.mailpit?.condition).toBe('service_started');
  });

  it('bootstraps with an admin DATABASE_URL pointing at the postgres service', () => {
    const url = new URL(services['db-init']?.environment?.DATABASE_URL ?? '');
    expect(url.hostname).toBe('postgres');
    expect(url.pathname).toBe(`/${services.postgres?.environment?.POSTGRES_DB}`);
    expect(decodeURIComponent(url.password)).toBe(
      services.postgres?.environment?.POSTGRES_PASSWORD,
    );
  });

  describe('the observability profile', () => {
    const profiled = Object.entries(services).filter(([, s]) => s.profiles);
    const campus = Object.entries(services).filter(
      ([name, s]) => s.build !== undefined && name !== 'db-init',
    );
    const mounted = (name: string) =>
      (services[name]?.volumes ?? []).map((v) => v.split(':')[0] ?? '');
    const readConfig = <T>(file: string): T =>
      parseYaml(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as T;

    it('adds a collector, Jaeger and Prometheus, only under the profile', () => {
      expect(profiled.map(([name]) => name).sort()).toEqual([
        'jaeger',
        'otel-collector',
        'prometheus',
      ]);
      for (const [, service] of profiled) expect(service.profiles).toEqual(['observability']);
      for (const name of ['otel-collector', 'prometheus']) {
        for (const file of mounted(name)) expect(existsSync(path.join(REPO_ROOT, file))).toBe(true);
      }
    });

    it('has Prometheus scrape every instance of every Campus service on its METRICS_PORT', () => {
      const prometheus = readConfig<{
        scrape_configs: {
          metrics_path: string;
          dns_sd_configs: { names: string[]; port: number }[];
        }[];
      }>('observability/prometheus.yml');
      const [job] = prometheus.scrape_configs;
      const [discovery] = job?.dns_sd_configs ?? [];
      expect(job?.metrics_path).toBe('/metrics');
      for (const [name, service] of campus) {
        expect(service.environment?.METRICS_PORT).toBe(String(discovery?.port));
        // A second instance is found under the name it shares with the first.
        const names = [name, ...(service.networks?.default?.aliases ?? [])];
        expect(names.some((n) => discovery?.names.includes(n))).toBe(true);
      }
    });

    it('sends traces to the collector, which passes them to Jaeger', () => {
      const collector = readConfig<{
        receivers: { otlp: { protocols: { http: { endpoint: string } } } };
        exporters: Record<string, { endpoint: string }>;
        service: { pipelines: { traces: { receivers: string[]; exporters: string[] } } };
      }>('observability/otel-collector.yaml');
      for (const [, service] of campus) {
        expect(service.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('${CAMPUS_OTLP_ENDPOINT:-}');
      }
      // The value the compose file and the README tell people to set.
      const documented = 'http://otel-collector:4318';
      expect(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8')).toContain(
        `CAMPUS_OTLP_ENDPOINT=${documented}`,
      );
      const { port, hostname } = new URL(documented);
      expect(services[hostname]).toBeDefined();
      expect(collector.receivers.otlp.protocols.http.endpoint).toBe(`0.0.0.0:${port}`);
      const pipeline = collector.service.pipelines.traces;
      expect(pipeline.receivers).toEqual(['otlp']);
      const exporter = collector.exporters[pipeline.exporters[0] ?? ''];
      expect(exporter?.endpoint).toBe('jaeger:4317');
    });
  });
});
