/**
 * office-addin-mock's OfficeMockObject, made strict: reading a property that was not loaded (the mock answers
 * with an error string instead of throwing) fails the test, context.sync() calls are counted and every property
 * set is recorded. Good for small batches. Jest only (it mocks office-addin-manifest).
 */
import { OfficeMockObject } from "office-addin-mock";
import type { ExcelRun } from "../../src/excel";

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module pulls in ESM
// that Jest cannot load; hand it the enum's own (dependency-free) module.
jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp"));

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
// ---------------------------------------------------------------------------------------------------------
// 1. office-addin-mock, made strict.

const MOCK_ERRORS = ["Error, property was not loaded", "Error, context.sync() was not called"];

export interface StrictMock {
  readonly run: ExcelRun;
  readonly mock: OfficeMockObject;
  /** context.sync() calls so far. */
  readonly syncs: () => number;
  /** Every property set through the mock: path and value. */
  readonly sets: { path: string; value: unknown }[];
  /** Method calls through the mock: path and arguments. */
  readonly calls: { path: string; args: unknown[] }[];
}

/**
 * An OfficeMockObject for `{ context: … }` data, strict about loads. The returned `run` calls the batch with
 * the mock's context; reading a property the code did not load and sync throws
 * "Property not loaded: <path> (<mock message>)".
 */
export function strictOfficeMock(data: { context: Record<string, unknown> }): StrictMock {
  const mock = new OfficeMockObject(data);
  let syncs = 0;
  const sets: StrictMock["sets"] = [];
  const calls: StrictMock["calls"] = [];
  const wrap = (target: OfficeMockObject, path: string): OfficeMockObject =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value: unknown = Reflect.get(obj, prop, receiver);
        if (typeof prop === "symbol") return value;
        const at = path ? `${path}.${prop}` : prop;
        if (typeof value === "string" && MOCK_ERRORS.includes(value))
          throw new Error(`Property not loaded: ${at} (${value})`);
        if (value instanceof OfficeMockObject) return wrap(value, at);
        if (typeof value === "function") {
          return (...args: unknown[]): unknown => {
            if (prop === "sync") syncs++;
            else if (prop !== "load") calls.push({ path: at, args });
            // Run the mock's own code on the unwrapped object: it reads its own error strings internally.
            const result: unknown = Reflect.apply(value, obj, args);
            return result instanceof OfficeMockObject ? wrap(result, at) : result;
          };
        }
        return value;
      },
      set(obj, prop, value: unknown) {
        if (typeof prop === "string") sets.push({ path: path ? `${path}.${prop}` : prop, value });
        return Reflect.set(obj, prop, value);
      },
    });
  const root = wrap(mock, "");
  const context = Reflect.get(root, "context") as unknown as Excel.RequestContext;
  // One signature taking any of Excel.run's first arguments satisfies all of ExcelRun's overloads.
  const run: ExcelRun = <T>(
    first: Batch<T> | Excel.RunOptions | OfficeExtension.ClientRequestContext,
    second?: Batch<T>,
  ): Promise<T> => {
    const batch = typeof first === "function" ? first : second;
    if (!batch) throw new Error("run without a batch");
    return batch(context);
  };
  return { run, mock, syncs: () => syncs, sets, calls };
}
