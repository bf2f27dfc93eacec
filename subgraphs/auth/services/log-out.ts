import { requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { refuseSessionTokens } from './access-token-revocation';
import { endSessions } from './end-sessions';

/** Ends the viewer's current session: its refresh tokens and access tokens stop working. */
export async function logOut(ctx: ServiceContext, viewer: Viewer | null): Promise<true> {
  const signedIn = requireViewer(viewer);
  await ctx.db.transaction((manager) =>
    endSessions(manager, signedIn.id, { only: signedIn.sessionId }),
  );
  // Listed even if the row was already revoked: the token in hand must stop working now.
  await refuseSessionTokens(ctx, [signedIn.sessionId]);
  return true;
}

/** Ends every active session of the viewer, this one included; returns how many there were. */
export async function logOutEverywhere(
  ctx: ServiceContext,
  viewer: Viewer | null,
): Promise<number> {
  const signedIn = requireViewer(viewer);
  const ended = await ctx.db.transaction((manager) => endSessions(manager, signedIn.id));
  await refuseSessionTokens(ctx, [...new Set([...ended, signedIn.sessionId])]);
  return ended.length;
}
