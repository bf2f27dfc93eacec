import DataLoader from 'dataloader';

/**
 * DataLoader whose batch function runs one query for all keys and returns rows in any
 * order; rows are matched back to keys here, missing ones become null.
 */
export function loaderByKey<K extends string, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await load(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** DataLoader for child lists: one query for all parents, rows grouped by parent key. */
export function loaderByGroup<K extends string, V>(
  load: (keys: readonly K[]) => Promise<V[]>,
  groupOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await load(keys);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const key = groupOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
