/**
 * Defines a property of `obj` as computed when first read, then kept as a plain value. It reads,
 * enumerates and serialises like a property set at once, in the same key order, so a caller that
 * needs only the verdict (a portfolio of a thousand files) does not pay for the plan to adopt.
 */
export function later<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}
