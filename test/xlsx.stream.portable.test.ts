/*
 * The streaming reader as the page runs it: no Node Buffer (latin1 made char by char, UTF-8 text decoded with
 * TextDecoder), fflate's inflater, TextDecoder's strict UTF-8 check. It must read every fixture exactly as it does
 * in Node, and refuse the same ones for the same reason.
 */
import type { SheetGrid } from "../src/sheet";
import { streamGrids } from "../src/xlsx/stream/read";
import { gridDifferences } from "./support/gridCompare";
import { hostileSheets, refusalKind, validShapes } from "./support/hostileSheets";

type ReadGrids = typeof import("../src/xlsx/stream/workbook").readGrids;

/** The reader's modules loaded anew while Node's Buffer is hidden, as in a browser. */
function browserReader(): ReadGrids {
  const buffer = (globalThis as { Buffer?: unknown }).Buffer;
  delete (globalThis as { Buffer?: unknown }).Buffer;
  try {
    let read: ReadGrids | undefined;
    jest.isolateModules(() => {
      read = (require("../src/xlsx/stream/workbook") as { readGrids: ReadGrids }).readGrids;
    });
    return read as ReadGrids;
  } finally {
    (globalThis as { Buffer?: unknown }).Buffer = buffer;
  }
}

const outcome = (read: () => SheetGrid[]): SheetGrid[] | string => {
  try {
    return read();
  } catch (e) {
    return `${(e as { problem?: string }).problem} ${refusalKind(e) ?? ""}`;
  }
};

describe("the streaming reader without Node's Buffer", () => {
  it("reads and refuses every fixture as in Node", async () => {
    const readGrids = browserReader();
    const fixtures = [...(await validShapes()), ...(await hostileSheets())];
    // The browser's latin1 view: bytes made into chars a slice at a time, not Buffer's native one.
    const fromCharCode = jest.spyOn(String, "fromCharCode");
    readGrids(fixtures[0].bytes, { sheets: "all" });
    expect(fromCharCode.mock.calls.some((args) => args.length > 1000)).toBe(true);
    fromCharCode.mockRestore();
    for (const f of fixtures) {
      const node = outcome(() => streamGrids(f.bytes));
      const browser = outcome(() => readGrids(f.bytes, { sheets: "all" }));
      if (typeof node === "string" || typeof browser === "string")
        expect([f.name, browser]).toEqual([f.name, node]);
      else expect([f.name, gridDifferences(node, browser)]).toEqual([f.name, []]);
    }
  });
});
