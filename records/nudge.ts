import type { Db } from '../store/db';

/**
 * A submit tells the delivery workers running in the same process that there is something new,
 * so delivery starts at once rather than on the next poll. Workers in other processes (several
 * on one PostgreSQL) find it by polling.
 */
const listeners = new WeakMap<Db, Set<() => void>>();

export function onNudge(db: Db, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) {
    set = new Set();
    listeners.set(db, set);
  }
  set.add(listener);
  return () => listeners.get(db)?.delete(listener);
}

export function nudge(db: Db): void {
  for (const listener of listeners.get(db) ?? []) listener();
}
