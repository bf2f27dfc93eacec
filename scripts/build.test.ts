import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../subgraphs/shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/shared/topology';
import { buildProduction } from './build';
import { entryCommand, waitForHealth } from './cluster';
import { freePort } from './free-port';

/**
 * The production build, laid out as the image lays it out (package.json, node_modules,
 * schema/ and dist/ in one folder, no TypeScript source): `npm run build`'s tsc and asset
 * copy into a throw-away folder, then the users subgraph and the gateway from it with plain
 * node. About 12 s of tsc on the 2-core machine, plus a few seconds of start-up.
 */
const root = mkdtempSync(path.join(tmpdir(), 'campus-build-'));
const dist = path.join(root, 'dist');
const children: ChildProcess[] = [];

beforeAll(async () => {
  copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  cpSync(path.join(REPO_ROOT, 'schema'), path.join(root, 'schema'), { recursive: true });
  await buildProduction(dist);
}, 120_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => resolve(clearTimeout(timer)));
          child.kill('SIGTERM');
        }),
    ),
  );
  rmSync(root, { recursive: true, force: true });
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file));

function start(
  entry: string,
  env: Record<string, string>,
): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, entryCommand(entry, 'dist', root), {
    cwd: root,
    env: { ...process.env, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  }
  return { child, output };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('npm run build', () => {
  it('emits every entry point and each schema.graphql beside its subgraph, and no tests', () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(existsSync(path.join(dist, 'subgraphs', name, 'main.js'))).toBe(true);
      expect(readFileSync(path.join(dist, 'subgraphs', name, 'schema.graphql'), 'utf8')).toBe(
        readFileSync(path.join(REPO_ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8'),
      );
    }
    expect(existsSync(path.join(dist, 'gateway', 'main.js'))).toBe(true);
    expect(existsSync(path.join(dist, 'scripts', 'bootstrap.js'))).toBe(true);
    expect(existsSync(path.join(dist, 'test'))).toBe(false);
    const files = filesUnder(dist);
    expect(files.filter((file) => /\.test\.js$|test-kit\.js$/.test(file))).toEqual([]);
    // TypeORM reads column types from decorator metadata.
    expect(
      readFileSync(path.join(dist, 'subgraphs', 'users', 'entities', 'profile.js'), 'utf8'),
    ).toContain('__metadata("design:type"');
  });

  it('requires only Node built-ins and runtime dependencies (the image has no dev ones)', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const builtins = new Set(builtinModules);
    const outside = new Set<string>();
    for (const file of filesUnder(dist).filter((f) => f.endsWith('.js'))) {
      for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(
        /\brequire\("([^"]+)"\)/g,
      )) {
        if (specifier.startsWith('.')) continue;
        const bare = specifier.replace(/^node:/, '');
        const name = bare.startsWith('@')
          ? bare.split('/').slice(0, 2).join('/')
          : (bare.split('/')[0] ?? bare);
        if (!builtins.has(bare) && !(name in dependencies)) outside.add(specifier);
      }
    }
    expect([...outside]).toEqual([]);
  });

  it('runs a subgraph and the gateway with plain node, from dist/ alone', async () => {
    const [usersPort, gatewayPort] = [await freePort(), await freePort()];
    const users = start('subgraphs/users/main', { USERS_PORT: String(usersPort) });
    // The gateway reads schema/supergraph.graphql from the package root found from dist/.
    const gateway = start('gateway/main', {
      GATEWAY_PORT: String(gatewayPort),
      USERS_SUBGRAPH_URL: `http://localhost:${usersPort}/graphql`,
    });
    try {
      await Promise.all([
        waitForHealth(`http://localhost:${usersPort}/health`, users.child, 'users'),
        waitForHealth(`http://localhost:${gatewayPort}/health`, gateway.child, 'gateway'),
      ]);
    } catch (error) {
      throw new Error(
        `${String(error)}\nusers: ${users.output.join('')}\ngateway: ${gateway.output.join('')}`,
        { cause: error },
      );
    }
    // Its subgraph list comes from the supergraph it loaded; only users runs here.
    const ready = (await (await fetch(`http://localhost:${gatewayPort}/ready`)).json()) as {
      subgraphs: Record<string, string>;
    };
    expect(ready.subgraphs).toMatchObject({ users: 'ok', auth: 'down' });
    expect(await stop(gateway.child)).toBe(0);
    expect(await stop(users.child)).toBe(0);
  });
});
