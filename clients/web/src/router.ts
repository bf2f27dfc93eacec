import { useSyncExternalStore } from 'react';

/** Hash routes: #/ (catalog), #/course/<id>, #/dashboard, #/support[/<id>], #/admin[/<id>]. */
export type Route =
  | { page: 'catalog' }
  | { page: 'course'; id: string }
  | { page: 'dashboard' }
  | { page: 'support'; id?: string }
  | { page: 'admin'; id?: string };

export function parseRoute(hash: string): Route {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  switch (page) {
    case 'course':
      return id ? { page: 'course', id } : { page: 'catalog' };
    case 'dashboard':
      return { page: 'dashboard' };
    case 'support':
      return { page: 'support', id: id || undefined };
    case 'admin':
      return { page: 'admin', id: id || undefined };
    default:
      return { page: 'catalog' };
  }
}

export const href = (...parts: string[]): string => `#/${parts.join('/')}`;

export function navigate(...parts: string[]): void {
  window.location.hash = href(...parts);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(
    (listener) => {
      window.addEventListener('hashchange', listener);
      return () => window.removeEventListener('hashchange', listener);
    },
    () => window.location.hash,
  );
  return parseRoute(hash);
}
