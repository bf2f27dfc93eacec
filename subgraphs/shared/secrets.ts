import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { SUBGRAPH_NAMES, type SubgraphName } from './topology';

/**
 * Secrets a developer should not have to invent: the gateway secret, one password per
 * database role and the JWT signing key pair. Outside production they are generated once
 * into `<dataDir>/secrets.json`, so `npm start`, `npm run start:<service>` and docker-compose
 * (which mounts the same folder) all agree. In production every one must come from the
 * environment instead (see config.ts).
 */
export interface DevSecrets {
  gatewaySecret: string;
  dbPasswords: Record<SubgraphName, string>;
  jwtPrivateKey: string;
  jwtPublicKey: string;
  /** Superuser password of the embedded PostgreSQL cluster (npm start only). */
  postgresAdminPassword: string;
}

const token = (): string => randomBytes(24).toString('base64url');

async function generate(): Promise<DevSecrets> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    gatewaySecret: token(),
    dbPasswords: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, token()])) as Record<
      SubgraphName,
      string
    >,
    jwtPrivateKey: await exportPKCS8(privateKey),
    jwtPublicKey: await exportSPKI(publicKey),
    postgresAdminPassword: token(),
  };
}

export const secretsFile = (dataDir: string): string => path.join(dataDir, 'secrets.json');

/** Reads the dev secrets, creating them on first use; safe when several processes race. */
export async function loadDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = secretsFile(dataDir);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const fresh = await generate();
  try {
    // `wx` fails if another process won the race; then its file is the truth.
    writeFileSync(file, JSON.stringify(fresh, null, 2), { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  }
}
