/**
 * A reference to an entity another subgraph owns (`User`, `Course`, …): federation hands a
 * subgraph only the key, and fields this subgraph contributes are resolved from it.
 */
export interface EntityRef {
  id: string;
}

/** `__resolveReference` for an entity this subgraph only contributes fields to. */
export const keyOnly = <T extends EntityRef>(reference: T): EntityRef => ({ id: reference.id });
