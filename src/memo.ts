/**
 * `compute` worked out once per key object and kept while the key lives: for what follows from a rubric, an item
 * or a layout alone and is asked for on every sheet read. The result is shared, so callers must not change it.
 */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    let result = results.get(key);
    if (result === undefined) results.set(key, (result = compute(key)));
    return result;
  };
}
