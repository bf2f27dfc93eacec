import { spawn } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../subgraphs/shared/config';

/** The web app's sources (Vite project) and its default build output. */
export const WEB_ROOT = path.join(REPO_ROOT, 'clients', 'web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');

/**
 * `vite build` of clients/web into `outDir`. Vite runs in a child process (its own CLI, with
 * clients/web/vite.config.ts), so this works the same from tsx and from Jest's CommonJS.
 */
export function buildWebApp(outDir = WEB_DIST): Promise<void> {
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', WEB_ROOT, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`)),
    );
  });
}

/** What the build is made from: when any of it is newer than dist/index.html, rebuild. */
const WEB_SOURCES = [
  path.join(WEB_ROOT, 'src'),
  path.join(WEB_ROOT, 'index.html'),
  path.join(WEB_ROOT, 'vite.config.ts'),
  path.join(REPO_ROOT, 'clients', 'generated'),
  path.join(REPO_ROOT, 'clients', 'campus-client'),
];

async function newestChange(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((e) => newestChange(path.join(target, e))));
  return Math.max(info.mtimeMs, ...times);
}

/** Builds clients/web/dist when it is missing or older than the app's sources. */
export async function ensureWebApp(): Promise<{ built: boolean }> {
  const built = await stat(path.join(WEB_DIST, 'index.html')).catch(() => null);
  if (built) {
    const sources = Math.max(...(await Promise.all(WEB_SOURCES.map(newestChange))));
    if (sources <= built.mtimeMs) return { built: false };
  }
  await buildWebApp(WEB_DIST);
  return { built: true };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '[::]']);

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A small static server for the built app: correct content types, SPA fallback (any path
 * without a file extension gets index.html), and `/config.json` telling the app where the
 * gateway is. When that URL names a loopback host, the host the browser used replaces it,
 * so the app also works when opened from another machine (`WEB_GATEWAY_URL` to override).
 */
export async function serveWebApp(options: {
  dir?: string;
  port?: number;
  host?: string;
  gatewayUrl: string;
}): Promise<WebServer> {
  const dir = path.resolve(options.dir ?? WEB_DIST);
  const gateway = new URL(options.gatewayUrl);

  const gatewayFor = (req: IncomingMessage): string => {
    const host = req.headers.host?.replace(/:\d+$/, '');
    if (!host || !LOOPBACK.has(gateway.hostname) || LOOPBACK.has(host)) return gateway.href;
    const url = new URL(gateway.href);
    url.hostname = host;
    return url.href;
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const { pathname } = new URL(req.url ?? '/', 'http://web');
    if (pathname === '/config.json') {
      res.setHeader('cache-control', 'no-store');
      send(
        res,
        200,
        CONTENT_TYPES['.json'] as string,
        JSON.stringify({ gatewayUrl: gatewayFor(req) }),
      );
      return;
    }
    let file = path.join(dir, decodeURIComponent(pathname));
    if (!file.startsWith(dir + path.sep) && file !== dir) {
      send(res, 403, 'text/plain', 'Forbidden');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) file = path.join(file, 'index.html');
    else if (!info) {
      if (path.extname(pathname)) {
        send(res, 404, 'text/plain', 'Not found');
        return;
      }
      file = path.join(dir, 'index.html'); // SPA fallback
    }
    const body = await readFile(file).catch(() => null);
    if (!body) {
      send(res, 404, 'text/plain', 'Not found');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    // Hashed assets never change; index.html must be fetched afresh to see a new build.
    res.setHeader(
      'cache-control',
      file.includes(`${path.sep}assets${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    );
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end();
      return;
    }
    send(res, 200, type, body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
