/**
 * A bounded memo of asynchronous loads, one per process: it lives on globalThis under `name`, because
 * the backend plane and the Next.js bundles load this module separately and must share one memo
 * (docs/ARCHITECTURE.md "Shared state lives on `globalThis`").
 *
 * - An entry answers while `until` (on the caller's clock) is in the future and its `tag` is the one
 *   asked for (a tag that changes — a rotated secret list — misses at once).
 * - Concurrent misses of one key share one load; a load that throws is not remembered, so the next
 *   caller tries again.
 * - At most `maxEntries`: the oldest entry (insertion order) goes first.
 */
export type SharedMemo<V> = {
  /** The remembered value of `key`, else `load()` remembered until `until(now)`. */
  get(key: string, ask: { now: number; tag?: unknown }, until: (now: number) => number, load: () => Promise<V>): Promise<V>;
  /** Forgets the entries whose settled value matches, and every load still running. */
  forget(matches: (value: V) => boolean): void;
  /** Forgets one key. */
  forgetKey(key: string): void;
  clear(): void;
  readonly size: number;
};

type Entry<V> = { until: number; tag: unknown; pending?: Promise<V>; value?: V };

export function sharedMemo<V>(name: string, maxEntries: number): SharedMemo<V> {
  const holder = globalThis as unknown as Record<string, Map<string, Entry<V>> | undefined>;
  const slot = `__keyportMemo_${name}`;
  const entries = (): Map<string, Entry<V>> => (holder[slot] ??= new Map());

  return {
    async get(key, ask, until, load) {
      const map = entries();
      const hit = map.get(key);
      if (hit && hit.until > ask.now && hit.tag === ask.tag) return hit.pending ?? (hit.value as V);
      const pending = load();
      const entry: Entry<V> = { until: until(ask.now), tag: ask.tag, pending };
      map.delete(key);
      map.set(key, entry);
      while (map.size > maxEntries) map.delete(map.keys().next().value as string);
      try {
        entry.value = await pending;
        entry.pending = undefined;
        return entry.value;
      } catch (err) {
        if (map.get(key) === entry) map.delete(key);
        throw err;
      }
    },
    forget(matches) {
      const map = entries();
      for (const [key, entry] of map) if (entry.pending || matches(entry.value as V)) map.delete(key);
    },
    forgetKey(key) {
      entries().delete(key);
    },
    clear() {
      entries().clear();
    },
    get size() {
      return entries().size;
    },
  };
}
