/** Where an object keeps the computations of its properties not yet read. */
const PENDING = Symbol('computed when first read');

type Pending = Record<PropertyKey, () => unknown>;

// One getter per property name, shared by every object. A getter made afresh for each object (a
// closure over its computation) gave each object its own hidden class in V8, and kept what the
// closure held alive until a full collection: a portfolio of a thousand files spent a fifth of
// its time collecting garbage.
const getters = new Map<PropertyKey, (this: object) => unknown>();
function getterFor(key: PropertyKey): (this: object) => unknown {
  let get = getters.get(key);
  if (!get) {
    get = function (this: object) {
      const value = (this as { [PENDING]: Pending })[PENDING][key]!();
      Object.defineProperty(this, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    };
    getters.set(key, get);
  }
  return get;
}

/**
 * Defines a property of `obj` as computed when first read, then kept as a plain value. It reads,
 * enumerates and serialises like a property set at once, in the same key order, so a caller that
 * needs only the verdict (a portfolio of a thousand files) does not pay for the plan to adopt.
 */
export function later<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): void {
  if (!Object.hasOwn(obj, PENDING)) Object.defineProperty(obj, PENDING, { value: {} });
  (obj as unknown as { [PENDING]: Pending })[PENDING][key] = compute;
  Object.defineProperty(obj, key, { enumerable: true, configurable: true, get: getterFor(key) });
}
