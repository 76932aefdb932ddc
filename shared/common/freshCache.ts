/**
 * Values read at most once per `maxAgeMs` per key: concurrent misses share
 * one read, a failed read is not kept, and at most `maxKeys` are held (the
 * oldest read dropped first). `forget` makes the next `get` read again, and
 * a read already under way when it was called is not kept.
 */
export type FreshCache<K, V> = {
  get(key: K): Promise<V>;
  forget(key: K): void;
  forgetAll(): void;
};

export function freshCache<K, V>(
  read: (key: K) => Promise<V>,
  options: { maxAgeMs: number; maxKeys: number; clock?: () => number },
): FreshCache<K, V> {
  const now = options.clock ?? Date.now;
  const held = new Map<K, { value: V; at: number }>();
  const reading = new Map<K, Promise<V>>();
  return {
    get(key) {
      const last = held.get(key);
      if (last && now() - last.at < options.maxAgeMs) return Promise.resolve(last.value);
      let pending = reading.get(key);
      if (!pending) {
        const at = now();
        const started: Promise<V> = read(key).then(
          (value) => {
            if (reading.get(key) !== started) return value; // forgotten meanwhile: answered, not kept
            reading.delete(key);
            held.delete(key);
            if (held.size >= options.maxKeys) held.delete(held.keys().next().value!);
            held.set(key, { value, at });
            return value;
          },
          (err: unknown) => {
            if (reading.get(key) === started) reading.delete(key);
            throw err;
          },
        );
        pending = started;
        reading.set(key, pending);
      }
      return pending;
    },
    forget(key) {
      held.delete(key);
      reading.delete(key);
    },
    forgetAll() {
      held.clear();
      reading.clear();
    },
  };
}
