import DataLoader from 'dataloader';
import { traceBatch } from './observability/dataloader-spans';

/** A loader's name in its spans: the name it was given (server.ts names them by key). */
const nameOf = (loader: { name: string | null }, load: { name: string }): string =>
  loader.name ?? (load.name || 'batch');

/**
 * DataLoader whose batch function runs one query for all keys and returns rows in any
 * order; rows are matched back to keys here, missing ones become null.
 */
export function loaderByKey<K extends string, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  const loader: DataLoader<K, V | null> = new DataLoader<K, V | null>(async (keys) => {
    const rows = await traceBatch(nameOf(loader, load), keys.length, () => load(keys));
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
  return loader;
}

/** DataLoader for child lists: one query for all parents, rows grouped by parent key. */
export function loaderByGroup<K extends string, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  groupOf: (row: V) => K,
): DataLoader<K, V[]> {
  const loader: DataLoader<K, V[]> = new DataLoader<K, V[]>(async (keys) => {
    const rows = await traceBatch(nameOf(loader, load), keys.length, () => load(keys));
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const key = groupOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
  return loader;
}

/**
 * Names a request's DataLoaders after their keys in the loaders object (`profileById`…),
 * for their spans; other values are left alone.
 */
export function nameLoaders(loaders: unknown): void {
  if (typeof loaders !== 'object' || loaders === null) return;
  for (const [key, value] of Object.entries(loaders)) {
    if (value instanceof DataLoader && !value.name) value.name = key;
  }
}
