/**
 * Access tokens that must stop working before they expire: those of ended sessions
 * (logOut, reuse of a rotated refresh token, suspension, password reset) and those a user
 * was issued before their role changed. The gateway and every subgraph consult it on each
 * request; entries live only as long as an access token can, since older tokens have
 * expired anyway.
 */
export interface RevocationList {
  revokeSessions(sessionIds: readonly string[], until: Date): Promise<void>;
  /** Tokens of `userId` issued before `issuedBefore` stop working (roles changed). */
  revokeTokensIssuedBefore(userId: string, issuedBefore: Date, until: Date): Promise<void>;
  isRevoked(token: { sessionId: string; userId: string; issuedAt: Date }): Promise<boolean>;
}

/**
 * The revocation list of one process. Every service of `npm start` shares it; a
 * deployment that runs services in separate processes needs a shared store (Redis, with
 * the Redis transport) instead.
 */
export class InMemoryRevocationList implements RevocationList {
  private readonly sessions = new Map<string, number>();
  private readonly usersBefore = new Map<string, { before: number; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  revokeSessions(sessionIds: readonly string[], until: Date): Promise<void> {
    this.prune();
    for (const id of sessionIds) {
      this.sessions.set(id, Math.max(this.sessions.get(id) ?? 0, until.getTime()));
    }
    return Promise.resolve();
  }

  revokeTokensIssuedBefore(userId: string, issuedBefore: Date, until: Date): Promise<void> {
    this.prune();
    const current = this.usersBefore.get(userId);
    this.usersBefore.set(userId, {
      before: Math.max(current?.before ?? 0, issuedBefore.getTime()),
      until: Math.max(current?.until ?? 0, until.getTime()),
    });
    return Promise.resolve();
  }

  isRevoked(token: { sessionId: string; userId: string; issuedAt: Date }): Promise<boolean> {
    const now = this.now();
    const sessionUntil = this.sessions.get(token.sessionId);
    if (sessionUntil !== undefined && sessionUntil > now) return Promise.resolve(true);
    const user = this.usersBefore.get(token.userId);
    // JWT iat has whole seconds: compare at that precision, so a token issued in the same
    // second as the change still counts as issued after it.
    const issuedBefore =
      user !== undefined &&
      user.until > now &&
      Math.floor(token.issuedAt.getTime() / 1000) < Math.floor(user.before / 1000);
    return Promise.resolve(issuedBefore);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, until] of this.sessions) if (until <= now) this.sessions.delete(id);
    for (const [id, entry] of this.usersBefore) if (entry.until <= now) this.usersBefore.delete(id);
  }
}

let processList: RevocationList | undefined;

/** The revocation list this process's services share. */
export function processRevocationList(): RevocationList {
  processList ??= new InMemoryRevocationList();
  return processList;
}
