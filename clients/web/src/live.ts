import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CampusSession, LinkState } from './session';

/**
 * A subscription that survives reconnects. After a dropped socket campus-client
 * re-subscribes by itself with `after` set to the last event's id; when the server ends
 * the subscription (an error, a supergraph reload) this subscribes again after a short
 * wait with variables computed afresh (the chat passes `after: <newest message it has>`),
 * so nothing is missed. `deps` restart it.
 */
export function useLive<D, V extends Record<string, unknown>>(
  session: CampusSession,
  document: TypedDocumentNode<D, V>,
  variables: (() => V) | null,
  onData: (data: D) => void,
  deps: readonly unknown[] = [],
): void {
  const onDataRef = useRef(onData);
  const variablesRef = useRef(variables);
  onDataRef.current = onData;
  variablesRef.current = variables;
  const enabled = variables !== null;

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    let timer: number | undefined;
    const start = () => {
      if (stopped) return;
      let ended = false;
      // The server ended it, or a GraphQL error came: drop it and subscribe afresh.
      const again = () => {
        if (stopped || ended) return;
        ended = true;
        unsubscribe?.();
        timer = window.setTimeout(start, 1_000);
      };
      unsubscribe = session.subscribeLive(document, variablesRef.current?.() ?? ({} as V), {
        next: (data) => onDataRef.current(data),
        error: again,
        complete: again,
      });
    };
    start();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      unsubscribe?.();
    };
  }, [session, document, enabled, ...deps]);
}

/** The socket's state, for a small "live" / "reconnecting…" badge. */
export function useLinkState(session: CampusSession): LinkState {
  return useSyncExternalStore(
    (listener) => session.onLink(listener),
    () => session.linkState,
  );
}

/** Re-renders when the signed-in person changes. */
export function useViewer(session: CampusSession) {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.viewer,
  );
}

/** Seconds left until `until` (epoch ms), ticking each second; 0 when past. */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const id = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(id);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}
