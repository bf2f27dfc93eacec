/** The tokens of a signed-in user, as logIn, signUp and refreshToken return them. */
export interface Session {
  accessToken: string;
  /** Without it the client cannot renew an expired access token. */
  refreshToken?: string | null;
  /** When the access token expires (ISO-8601), if known. */
  expiresAt?: string | null;
  /** Who is signed in, when the client learnt it (logIn, refresh). */
  user?: { id: string; email: string; role: string; name: string } | null;
}

/** Where the client keeps the session: memory by default, or any storage the app likes. */
export interface SessionStore {
  get(): Session | null;
  set(session: Session | null): void;
}

/** Why the session changed, for `onSession`. */
export type SessionChangeReason = 'logIn' | 'refresh' | 'logOut' | 'expired' | 'set';

export interface SessionChange {
  session: Session | null;
  reason: SessionChangeReason;
}

export function memorySessionStore(initial: Session | null = null): SessionStore {
  let session = initial;
  return {
    get: () => session,
    set: (next) => {
      session = next;
    },
  };
}

/** The part of the Web Storage API the client needs (localStorage, sessionStorage). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A session kept in Web Storage (e.g. `localStorage`) under `key`, surviving reloads. */
export function storageSessionStore(
  storage: KeyValueStorage,
  key = 'campus.session',
): SessionStore {
  return {
    get() {
      const raw = storage.getItem(key);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as Session;
        return typeof parsed.accessToken === 'string' ? parsed : null;
      } catch {
        return null;
      }
    },
    set(session) {
      if (session) storage.setItem(key, JSON.stringify(session));
      else storage.removeItem(key);
    },
  };
}

export const isSessionStore = (value: unknown): value is SessionStore =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SessionStore).get === 'function' &&
  typeof (value as SessionStore).set === 'function';

/**
 * When an access token expires (ms since the epoch), read from the JWT's `exp` without
 * verifying it (the gateway does that); null when it cannot be read.
 */
export function accessTokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=');
    const claims = JSON.parse(atob(padded)) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}
