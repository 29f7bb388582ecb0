/*
 * Runtime APIs the WPS build's chunks call that older WPS builds' Chromium lacks (the syntax is lowered to ES2017,
 * Chromium 58, by esbuild; what a chunk calls is not). test/wps.build.test.ts scans every chunk for the APIs newer
 * than Chromium 58 and fails when one is called that is not listed here. Each is installed only where missing,
 * and only as far as the pane and its libraries use it.
 */

type AnyFunction = (...args: never[]) => unknown;

// What is polyfilled is listed in ./polyfilled (POLYFILLED), which the build test reads without running this.

const root = (typeof self !== "undefined" ? self : window) as unknown as Record<string, unknown>;

function define(target: object, name: string | symbol, value: unknown): void {
  if ((target as Record<string | symbol, unknown>)[name] !== undefined) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true });
}

define(root, "globalThis", root);

function flatten(items: readonly unknown[], depth: number, out: unknown[]): unknown[] {
  for (const item of items) {
    if (Array.isArray(item) && depth > 0) flatten(item, depth - 1, out);
    else out.push(item);
  }
  return out;
}
define(Array.prototype, "flat", function flat(this: unknown[], depth = 1): unknown[] {
  return flatten(this, depth, []);
});
define(
  Array.prototype,
  "flatMap",
  function flatMap(
    this: unknown[],
    f: (item: unknown, i: number, all: unknown[]) => unknown,
    self?: unknown,
  ) {
    return flatten(
      this.map((item, i, all) => f.call(self, item, i, all)),
      1,
      [],
    );
  },
);
define(Array.prototype, "at", function at(this: unknown[], index: number): unknown {
  const i = Math.trunc(index) || 0;
  return this[i < 0 ? this.length + i : i];
});
define(Object, "fromEntries", (entries: Iterable<readonly [PropertyKey, unknown]>) => {
  const out: Record<PropertyKey, unknown> = {};
  for (const [key, value] of entries) out[key] = value;
  return out;
});
define(Object, "hasOwn", (object: object, key: PropertyKey) =>
  Object.prototype.hasOwnProperty.call(object, key),
);
define(String.prototype, "matchAll", function matchAll(this: string, pattern: RegExp) {
  const flags = pattern.flags.indexOf("g") >= 0 ? pattern.flags : `${pattern.flags}g`;
  const regex = new RegExp(pattern.source, flags);
  const found: RegExpExecArray[] = [];
  for (let m = regex.exec(this); m !== null; m = regex.exec(this)) {
    found.push(m);
    if (m[0] === "") regex.lastIndex++;
  }
  return found[Symbol.iterator]();
});
define(
  String.prototype,
  "replaceAll",
  function replaceAll(this: string, search: string | RegExp, replacement: string) {
    if (search instanceof RegExp) return this.replace(search, replacement);
    return this.split(search).join(replacement);
  },
);
define(String.prototype, "trimStart", function trimStart(this: string) {
  return this.replace(/^\s+/, "");
});
define(String.prototype, "trimEnd", function trimEnd(this: string) {
  return this.replace(/\s+$/, "");
});
define(Promise.prototype, "finally", function (this: Promise<unknown>, f: () => unknown) {
  return this.then(
    (value) => Promise.resolve(f()).then(() => value),
    (reason: unknown) =>
      Promise.resolve(f()).then(() => {
        throw reason;
      }),
  );
});
define(Promise, "allSettled", (promises: Iterable<unknown>) =>
  Promise.all(
    Array.from(promises, (p) =>
      Promise.resolve(p).then(
        (value) => ({ status: "fulfilled", value }),
        (reason: unknown) => ({ status: "rejected", reason }),
      ),
    ),
  ),
);
define(Symbol, "asyncIterator", Symbol.for("Symbol.asyncIterator"));
define(root, "queueMicrotask", (f: () => void) => {
  void Promise.resolve().then(f);
});

/** Holds its target strongly: only memory is at stake, for the few objects the focus libraries track. */
class StrongRef<T extends object> {
  constructor(private readonly target: T) {}
  deref(): T {
    return this.target;
  }
}
define(root, "WeakRef", StrongRef);

/**
 * Reports an element's size when observed and whenever the window resizes: what Fluent UI's overflow handling
 * needs, without the layout-change precision of the real one.
 */
class WindowResizeObserver {
  private readonly targets: Element[] = [];
  private readonly onResize = (): void => this.report(this.targets);
  constructor(private readonly callback: AnyFunction) {}
  observe(target: Element): void {
    if (this.targets.indexOf(target) >= 0) return;
    this.targets.push(target);
    if (this.targets.length === 1) window.addEventListener("resize", this.onResize);
    this.report([target]);
  }
  unobserve(target: Element): void {
    const i = this.targets.indexOf(target);
    if (i >= 0) this.targets.splice(i, 1);
    if (this.targets.length === 0) window.removeEventListener("resize", this.onResize);
  }
  disconnect(): void {
    this.targets.length = 0;
    window.removeEventListener("resize", this.onResize);
  }
  private report(targets: readonly Element[]): void {
    const entries = targets.map((target) => {
      const rect = target.getBoundingClientRect();
      const size = [{ inlineSize: rect.width, blockSize: rect.height }];
      return { target, contentRect: rect, borderBoxSize: size, contentBoxSize: size };
    });
    if (entries.length > 0)
      setTimeout(() => (this.callback as (entries: unknown[], observer: unknown) => void)(entries, this), 0);
  }
}
define(root, "ResizeObserver", WindowResizeObserver);

const cryptoApi = root.crypto as { getRandomValues?: (a: Uint8Array) => Uint8Array } | undefined;
if (cryptoApi && typeof cryptoApi.getRandomValues === "function") {
  const random = cryptoApi.getRandomValues.bind(cryptoApi);
  define(cryptoApi, "randomUUID", () => {
    const bytes = random(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => (b + 0x100).toString(16).slice(1)).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
}
export {};
