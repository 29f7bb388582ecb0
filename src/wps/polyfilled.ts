/*
 * The runtime APIs src/wps/polyfills.ts installs where missing, by the names test/wps.build.test.ts looks for in
 * the WPS build's chunks (kept apart so that the list can be read without installing anything).
 */
export const POLYFILLED = [
  "globalThis",
  "Array.prototype.flat",
  "Array.prototype.flatMap",
  "Array.prototype.at",
  "Object.fromEntries",
  "Object.hasOwn",
  "String.prototype.matchAll",
  "String.prototype.replaceAll",
  "String.prototype.trimStart",
  "String.prototype.trimEnd",
  "Promise.prototype.finally",
  "Promise.allSettled",
  "Symbol.asyncIterator",
  "queueMicrotask",
  "WeakRef",
  "ResizeObserver",
  "crypto.randomUUID",
] as const;
