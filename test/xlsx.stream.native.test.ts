/*
 * The page's opening of a file with the browser's own inflater (src/xlsx/stream/nativeInflate.ts): parts inflated
 * ahead by DecompressionStream("deflate-raw") must be read exactly as fflate's, a file refused for the same reason,
 * and a part that lies about its size stopped near its declared size. Node's DecompressionStream stands in for the
 * browser's (the same WHATWG Compression Streams API); the bench and the offline page's tests run Chromium's.
 */
import { Inflate } from "fflate";
import type { SheetGrid } from "../src/sheet";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { XlsxPort, newWorkbook } from "../src/xlsx";
import { NATIVE_FROM_BYTES, preinflatedCodec } from "../src/xlsx/stream/nativeInflate";
import { readGrids } from "../src/xlsx/stream/workbook";
import { PORTABLE_CODEC, type ZipCodec } from "../src/xlsx/stream/zip";
import { gridDifferences } from "./support/gridCompare";
import { part, writeZip, zerosDeflated } from "./support/hostile";
import { hostileSheets, refusalKind, validShapes } from "./support/hostileSheets";

const outcome = (bytes: Uint8Array, codec: ZipCodec): SheetGrid[] | string => {
  try {
    return readGrids(bytes, { sheets: "all", codec });
  } catch (e) {
    return `${(e as { problem?: string }).problem} ${refusalKind(e) ?? ""}`;
  }
};

const rubric = getRubric();

describe("files opened with the browser's inflater", () => {
  it("reads and refuses every fixture as fflate does, every deflated part inflated ahead", async () => {
    const fixtures = [...(await validShapes()), ...(await hostileSheets())];
    let ahead = 0;
    for (const f of fixtures) {
      const { codec, native } = await preinflatedCodec(f.bytes, 0);
      ahead += native;
      const portable = outcome(f.bytes, PORTABLE_CODEC);
      const browser = outcome(f.bytes, codec);
      if (typeof portable === "string" || typeof browser === "string")
        expect([f.name, browser]).toEqual([f.name, portable]);
      else expect([f.name, gridDifferences(portable, browser)]).toEqual([f.name, []]);
    }
    expect(ahead).toBeGreaterThan(fixtures.length);
  });

  it("inflates a district's sheets ahead, and only the large parts", async () => {
    const port = new XlsxPort(newWorkbook());
    const stations = rubric.notice?.stations.slice(0, 3) ?? [];
    for (const station of stations) await port.render(buildPlan({ rubric, station, year: 2020 }));
    const bytes = new Uint8Array(await port.toBuffer());
    const { codec, native } = await preinflatedCodec(bytes);
    // The sheets (about 96 KB each) and the styles; not the small parts.
    expect(native).toBeGreaterThanOrEqual(stations.length);
    expect(native).toBeLessThan(10);
    const fflate = jest.spyOn(PORTABLE_CODEC, "inflate");
    try {
      const staged = XlsxPort.stage(bytes, { codec });
      const sizes = fflate.mock.calls.map(([, size]) => size);
      expect(sizes.every((size) => size < NATIVE_FROM_BYTES)).toBe(true);
      expect(gridDifferences(XlsxPort.stage(bytes).grids, staged.grids)).toEqual([]);
    } finally {
      fflate.mockRestore();
    }
  });

  it("stops a part that lies about its size near the size it declares, and refuses it as fflate does", async () => {
    const original = globalThis.DecompressionStream;
    let made = 0;
    /**
     * The stream as the Compression Streams standard has it ("decompress and enqueue a chunk",
     * https://compression.spec.whatwg.org/#decompress-and-enqueue-a-chunk): each chunk written is inflated whole
     * and all of it enqueued, however much it makes (Node's own stream holds back; a browser's need not).
     */
    class AsSpecified {
      readonly writable: WritableStream<Uint8Array>;
      readonly readable: ReadableStream<Uint8Array>;
      constructor(format: CompressionFormat) {
        if (format !== "deflate-raw") throw new TypeError(format);
        let enqueue: (chunk: Uint8Array) => void = () => undefined;
        const inflate = new Inflate((chunk) => {
          made += chunk.length;
          enqueue(chunk);
        });
        const stream = new TransformStream<Uint8Array, Uint8Array>({
          transform: (chunk, controller) => {
            enqueue = (out) => controller.enqueue(out);
            inflate.push(chunk);
          },
          flush: (controller) => {
            enqueue = (out) => controller.enqueue(out);
            inflate.push(new Uint8Array(0), true);
          },
        });
        this.writable = stream.writable;
        this.readable = stream.readable;
      }
    }
    globalThis.DecompressionStream = AsSpecified as unknown as typeof DecompressionStream;
    try {
      const bomb = zerosDeflated(256); // 256 MiB of zeros, declared 64 KB
      const declared = 64 * 1024;
      const bytes = writeZip([
        part("[Content_Types].xml", "<Types/>"),
        { name: "xl/workbook.xml", method: 8, flags: 0, ...bomb, size: declared },
      ]);
      const { codec, native } = await preinflatedCodec(bytes);
      expect(native).toBe(0);
      expect(made).toBeGreaterThan(declared);
      // Within a slice's worth of inflating (16 KB × 1032), not the 256 MiB the part holds.
      expect(made).toBeLessThan(20 * 1024 * 1024);
      expect(outcome(bytes, codec)).toBe(outcome(bytes, PORTABLE_CODEC));
      expect(outcome(bytes, codec)).toBe("damaged size");
    } finally {
      globalThis.DecompressionStream = original;
    }
  });

  it("leaves everything to fflate where the browser has no raw-deflate stream", async () => {
    const original = globalThis.DecompressionStream;
    globalThis.DecompressionStream = class {
      constructor(format: string) {
        throw new TypeError(`Unsupported compression format: '${format}'`);
      }
    } as unknown as typeof DecompressionStream;
    try {
      const [shape] = await validShapes();
      expect(await preinflatedCodec(shape.bytes, 0)).toEqual({ codec: PORTABLE_CODEC, native: 0 });
    } finally {
      globalThis.DecompressionStream = original;
    }
  });
});
