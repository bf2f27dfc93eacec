/**
 * Where the gateway is. Read at run time, so one build works anywhere:
 * 1. `config.json` next to index.html (`{ "gatewayUrl": "http://host:4000/graphql" }`); the
 *    web server (scripts/web-server.ts) serves it from its own settings;
 * 2. else `VITE_GATEWAY_URL` given to `vite build` / `vite dev`;
 * 3. else the gateway's default port on the page's host: `http(s)://<host>:4000/graphql`.
 */
export interface WebConfig {
  gatewayUrl: string;
}

export async function loadConfig(): Promise<WebConfig> {
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (response.ok) {
      const body = (await response.json()) as Partial<WebConfig>;
      if (typeof body.gatewayUrl === 'string' && body.gatewayUrl) {
        return { gatewayUrl: body.gatewayUrl };
      }
    }
  } catch {
    // No config.json: fall through to the build-time or default URL.
  }
  const fromBuild = import.meta.env.VITE_GATEWAY_URL as string | undefined;
  if (fromBuild) return { gatewayUrl: fromBuild };
  return { gatewayUrl: `${location.protocol}//${location.hostname}:4000/graphql` };
}

/** `http://host/graphql` → `ws://host/graphql`. */
export const wsUrlOf = (httpUrl: string): string => httpUrl.replace(/^http/, 'ws');
