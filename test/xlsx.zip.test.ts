/*
 * The zip layer every reader goes through (src/xlsx/stream/zip.ts, src/xlsx/package.ts, src/xlsx/format.ts), on
 * packages written byte by byte (test/support/hostile.ts): what it reads, what it refuses and why, and that it
 * refuses before doing the work a hostile package asks for.
 */
import { crc32 as zlibCrc32 } from "zlib";
import * as fc from "fast-check";
import JSZip from "jszip";
import { strToU8, unzipSync, zipSync } from "fflate";
import { crc32 } from "../src/xlsx/stream/crc32";
import { NODE_CODEC } from "../src/xlsx/stream/nodeCodec";
import { PORTABLE_CODEC, ZipReader, type ZipCodec, type ZipError } from "../src/xlsx/stream/zip";
import { READ_LIMITS } from "../src/xlsx/limits";
import { openPackage } from "../src/xlsx/package";
import { sniffWorkbook, type WorkbookFormatError } from "../src/xlsx/format";
import {
  centralRecord,
  encryptedOle,
  endRecords,
  localRecord,
  odsPackage,
  part,
  writeZip,
  xlsbPackage,
  zerosDeflated,
  type ZipOptions,
  type ZipPart,
} from "./support/hostile";

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
};

/** The ZipError a package is refused with when the reader opens it and checks every entry. */
const refusal = (bytes: Uint8Array, codec?: ZipCodec): ZipError =>
  thrown(() => new ZipReader(bytes, codec).verify()) as ZipError;

/** A codec that records what it was asked to do. */
function spy(codec: ZipCodec = NODE_CODEC): ZipCodec & { inflated: string[] } {
  const inflated: string[] = [];
  return {
    inflated,
    inflate: (data, size) => {
      inflated.push(`${data.length}:${size}`);
      return codec.inflate(data, size);
    },
    crc32: codec.crc32,
  };
}

const sheet = (n: number): ZipPart =>
  part(
    `xl/worksheets/sheet${n}.xml`,
    `<worksheet><sheetData><row r="1"><c r="A1"><v>${n}</v></c></row></sheetData></worksheet>`,
  );

describe("CRC-32 in JavaScript (browsers, Node before 20.15)", () => {
  it("is zlib's, whole or chained over any cut", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
        expect(crc32(bytes.subarray(at), crc32(bytes.subarray(0, at)))).toBe(zlibCrc32(bytes));
      }),
    );
  });
});

describe("what the reader reads", () => {
  const layouts: [string, ZipOptions, number][] = [
    ["deflated", {}, 8],
    ["stored", {}, 0],
    ["zip64 (end records and extra fields)", { zip64: true }, 8],
    ["data descriptors", { descriptors: true }, 8],
    ["zip64 and data descriptors", { zip64: true, descriptors: true }, 8],
  ];

  it.each(layouts)("reads every part of a %s zip as fflate does, with both codecs", (_, options, method) => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9/]{0,12}\.xml$/), { minLength: 1, maxLength: 6 }),
        fc.array(fc.uint8Array({ maxLength: 2000 }), { minLength: 6, maxLength: 6 }),
        (names, contents) => {
          const bytes = writeZip(
            names.map((name, i) => part(name, contents[i], method)),
            options,
          );
          const expected = unzipSync(writeZip(names.map((name, i) => part(name, contents[i]))));
          for (const codec of [NODE_CODEC, PORTABLE_CODEC]) {
            const zip = new ZipReader(bytes, codec);
            zip.verify();
            expect(zip.names).toEqual(names);
            for (const name of names) {
              let read: number[] = [];
              zip.read(name, (chunk) => (read = [...chunk]));
              expect(read).toEqual([...expected[name]]);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("looks part names up as OPC compares them, without regard to ASCII case", () => {
    const zip = new ZipReader(
      writeZip([part("xl/SharedStrings.xml", "<sst/>"), part("[Content_Types].xml", "<Types/>")]),
    );
    expect(zip.has("xl/sharedStrings.xml")).toBe(true);
    expect(zip.text("XL/SHAREDSTRINGS.XML")).toBe("<sst/>");
    expect(zip.has("/[content_types].xml")).toBe(true);
    expect(zip.names).toEqual(["xl/SharedStrings.xml", "[Content_Types].xml"]);
  });

  it("reads '\\' between folders as '/' (some Windows writers; Excel reads them so)", () => {
    const zip = new ZipReader(writeZip([part("xl\\worksheets\\Sheet1.xml", "<worksheet/>")]));
    expect(zip.names).toEqual(["xl/worksheets/Sheet1.xml"]);
    expect(zip.spelling("xl/worksheets/sheet1.xml")).toBe("xl/worksheets/Sheet1.xml");
    expect(zip.text("xl\\worksheets\\sheet1.xml")).toBe("<worksheet/>");
    expect(zip.spelling("xl/worksheets/sheet2.xml")).toBeUndefined();
  });

  it("reads a deflated entry with no data at all as empty, with either codec (ClosedXML's empty thumbnail)", () => {
    const empty: ZipPart = {
      name: "docProps/thumbnail.wmf",
      method: 8,
      flags: 0,
      data: new Uint8Array(0),
      crc: 0,
      size: 0,
    };
    for (const codec of [NODE_CODEC, PORTABLE_CODEC]) {
      const zip = new ZipReader(writeZip([sheet(1), empty]), codec);
      zip.verify();
      expect(zip.text("docProps/thumbnail.wmf")).toBe("");
      // Declaring bytes it does not hold is damage, with either codec.
      expect(refusal(writeZip([{ ...empty, size: 5, crc: 1 }]), codec)).toMatchObject({
        why: { damage: "size" },
      });
    }
  });

  it("names entries in UTF-8 as well as ASCII", () => {
    const zip = new ZipReader(writeZip([part("xl/a.xml", "a"), part("佐证/材料.xml", "b")]));
    expect(zip.names).toEqual(["xl/a.xml", "佐证/材料.xml"]);
    expect(zip.text("佐证/材料.xml")).toBe("b");
  });

  it("inflates each entry once: verify keeps what it inflated for read to serve", () => {
    const codec = spy();
    const zip = new ZipReader(writeZip([sheet(201), sheet(202)]), codec);
    zip.verify();
    zip.read("xl/worksheets/sheet201.xml", () => undefined);
    expect(zip.text("xl/worksheets/sheet202.xml")).toContain("<v>202</v>");
    expect(codec.inflated).toHaveLength(2);
  });

  it("does not inflate again a part stored exactly as one that checked out, unless its CRC or size differs", () => {
    // Parts no other test writes: what checked out is remembered across packages.
    const styles = part("xl/styles.xml", "<styleSheet/>".repeat(101));
    const codec = spy();
    new ZipReader(writeZip([styles, sheet(101)]), codec).verify();
    new ZipReader(writeZip([styles, sheet(102)]), codec).verify();
    expect(codec.inflated).toHaveLength(3);
    // The same compressed bytes under another CRC or size: inflated, and refused.
    expect(refusal(writeZip([{ ...styles, crc: styles.crc ^ 1 }]), codec)).toMatchObject({
      why: { damage: "crc" },
    });
    expect(refusal(writeZip([{ ...styles, size: styles.size + 1 }]), codec)).toMatchObject({
      why: { damage: "size" },
    });
  });

  it("hands a zip library a stored copy of exactly the checked parts, respelt where asked", async () => {
    const parts = [
      sheet(1),
      part("xl/SharedStrings.xml", "<sst/>"),
      part("xl/media/p.png", new Uint8Array(5000).fill(7)),
    ];
    const zip = new ZipReader(writeZip(parts, { zip64: true, descriptors: true }));
    zip.verify();
    const copy = zip.storedCopy((name) => name.replace("SharedStrings", "sharedStrings"));
    const fflate = unzipSync(copy);
    expect(Object.keys(fflate)).toEqual([
      "xl/worksheets/sheet1.xml",
      "xl/sharedStrings.xml",
      "xl/media/p.png",
    ]);
    expect(fflate["xl/media/p.png"]).toEqual(new Uint8Array(5000).fill(7));
    // JSZip (under ExcelJS) with its own CRC check on: the stored copy carries the checked CRCs.
    const jszip = await JSZip.loadAsync(copy, { checkCRC32: true });
    expect(await jszip.file("xl/sharedStrings.xml")?.async("string")).toBe("<sst/>");
    // Every entry stored: JSZip copies and inflates nothing.
    expect(new ZipReader(copy).stored("xl/media/p.png").method).toBe(0);
  });

  it("gives a part other bytes in the stored copy, or leaves it out, where asked", async () => {
    const zip = new ZipReader(
      writeZip([sheet(1), part("xl/sharedStrings.xml", "<sst/>"), part("docProps/app.xml", "x")]),
    );
    zip.verify();
    const copy = zip.storedCopy(undefined, (name) =>
      name === "docProps/app.xml"
        ? null
        : name === "xl/sharedStrings.xml"
          ? strToU8('<sst count="0"/>')
          : undefined,
    );
    const jszip = await JSZip.loadAsync(copy, { checkCRC32: true });
    expect(Object.keys(jszip.files)).toEqual(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]);
    expect(await jszip.file("xl/sharedStrings.xml")?.async("string")).toBe('<sst count="0"/>');
    expect(new ZipReader(copy).text("xl/worksheets/sheet1.xml")).toContain("<v>1</v>");
  });
});

describe("what the reader refuses as damaged, naming the part", () => {
  const valid = [sheet(1), sheet(2), part("xl/sharedStrings.xml", "<sst/>")];

  it("two entries with one name, exactly or by case", () => {
    for (const second of [
      "xl/worksheets/sheet1.xml",
      "XL/Worksheets/Sheet1.xml",
      "/xl/worksheets/sheet1.xml",
      "xl\\worksheets\\sheet1.xml",
    ])
      expect(refusal(writeZip([...valid, { ...sheet(3), name: second }]))).toMatchObject({
        why: { damage: "duplicate" },
        part: second.replace(/^\//, "").replace(/\\/g, "/"),
      });
  });

  it("a directory entry that points at another entry's header, or into its data", () => {
    // Two directory entries, one local header (the second entry's name is the first's: no other check trips).
    const a = part("xl/media/a.png", new Uint8Array(100).fill(1), 0);
    const local = localRecord(a);
    const directory = [centralRecord(a, 0), centralRecord({ ...a, name: "XL/MEDIA/A2.png" }, 0)];
    const same = concat([local, ...directory, endRecords(2, local.length, sum(directory))]);
    expect(refusal(same)).toMatchObject({ why: { damage: "overlap" } });
    // An entry whose whole local record hides inside another's stored data (a zip bomb's way to reuse data).
    const hidden = part("xl/media/hidden.png", new Uint8Array(50).fill(2), 0);
    const outer = part("xl/media/outer.png", localRecord(hidden), 0);
    const outerLocal = localRecord(outer);
    const inner = localRecord(outer, {}, false).length;
    const cds = [centralRecord(outer, 0), centralRecord(hidden, inner)];
    expect(refusal(concat([outerLocal, ...cds, endRecords(2, outerLocal.length, sum(cds))]))).toMatchObject({
      why: { damage: "overlap" },
      part: "xl/media/hidden.png",
    });
  });

  it("a local header that names another part, or declares another CRC or size", () => {
    const p = sheet(1);
    const renamed = localRecord({ ...p, name: "xl/worksheets/sheet9.xml" });
    const cd = centralRecord(p, 0);
    expect(refusal(concat([renamed, cd, endRecords(1, renamed.length, cd.length)]))).toMatchObject({
      why: { damage: "local-header" },
      part: p.name,
    });
    for (const local of [{ crc: p.crc ^ 1 }, { size: p.size + 1 }, { compressedSize: p.data.length - 1 }])
      expect(refusal(writeZip([{ ...p, local }]))).toMatchObject({ why: { damage: "local-header" } });
  });

  it("a stale CRC-32, stored or deflated: the part was changed and its CRC kept", () => {
    for (const method of [0, 8]) {
      const edited = part("xl/worksheets/sheet1.xml", "<v>105</v>", method);
      const stale = { ...edited, crc: zlibCrc32(strToU8("<v>107</v>")) };
      for (const codec of [NODE_CODEC, PORTABLE_CODEC])
        expect(refusal(writeZip([stale]), codec)).toMatchObject({ why: { damage: "crc" }, part: stale.name });
    }
  });

  it("a part that inflates to more or less than it declares", () => {
    const p = sheet(1);
    for (const size of [p.size - 1, p.size + 1, 0])
      for (const codec of [NODE_CODEC, PORTABLE_CODEC])
        expect(refusal(writeZip([{ ...p, size }]), codec)).toMatchObject({
          why: { damage: "size" },
          part: p.name,
        });
    // Stored: the data is the part, so two sizes that differ are a lie.
    expect(refusal(writeZip([{ ...part("a.xml", "abc", 0), size: 2 }]))).toMatchObject({
      why: { damage: "size" },
    });
  });

  it("corrupt deflate data, an unsupported method, zip-level encryption, data into the directory or past the end", () => {
    const p = sheet(1);
    const corrupt = { ...p, data: p.data.map((b, i) => (i < 2 ? 0xff : b)) };
    for (const codec of [NODE_CODEC, PORTABLE_CODEC])
      expect(refusal(writeZip([corrupt]), codec)).toMatchObject({ why: { damage: "inflate" } });
    expect(refusal(writeZip([{ ...p, method: 12 }]))).toMatchObject({
      why: { damage: "method" },
      part: p.name,
    });
    expect(refusal(writeZip([{ ...p, flags: 1 }]))).toMatchObject({ why: { damage: "encrypted" } });
    const whole = writeZip([p]);
    const local = localRecord(p);
    for (const [longer, damage] of [
      [40, "overlap"],
      [5000, "truncated"],
    ] as const) {
      const cd = centralRecord({ ...p, data: new Uint8Array(p.data.length + longer) }, 0);
      expect(refusal(concat([local, cd, endRecords(1, local.length, cd.length)]))).toMatchObject({
        why: { damage },
      });
    }
    expect(refusal(whole.slice(0, whole.length - 30))).toMatchObject({ why: { damage: "directory" } });
  });

  it("a directory that does not add up: more entries than counted, zip64 records that disagree, several disks", () => {
    const [a, b] = [sheet(1), sheet(2)];
    const la = localRecord(a);
    const lb = localRecord(b);
    const cds = [centralRecord(a, 0), centralRecord(b, la.length)];
    const body = [la, lb, ...cds];
    const at = la.length + lb.length;
    expect(refusal(concat([...body, endRecords(1, at, cds[0].length)]))).toMatchObject({
      why: { damage: "directory" },
    });
    // The zip64 end record says 2 entries, the end record 3 (not its "see zip64" maximum).
    const zip64 = concat([...body, endRecords(2, at, sum(cds), { zip64: true })]);
    const end = zip64.length - 22;
    const disagreeing = zip64.slice();
    new DataView(disagreeing.buffer).setUint16(end + 10, 3, true);
    expect(refusal(disagreeing)).toMatchObject({ why: { damage: "directory" } });
    const split = zip64.slice();
    new DataView(split.buffer).setUint16(end + 4, 1, true);
    expect(refusal(split)).toMatchObject({ why: { damage: "directory" } });
    expect(() => new ZipReader(zip64).verify()).not.toThrow();
    // Disk numbers the end record leaves to the zip64 record ("see there": 0xFFFF) are read there.
    const deferred = zip64.slice();
    const view = new DataView(deferred.buffer);
    view.setUint16(end + 4, 0xffff, true);
    view.setUint16(end + 6, 0xffff, true);
    expect(() => new ZipReader(deferred).verify()).not.toThrow();
    const record = end - 20 - 56;
    view.setUint32(record + 16, 1, true);
    expect(refusal(deferred)).toMatchObject({ why: { damage: "directory" } });
  });
});

describe("limits, passed before anything is inflated", () => {
  it("a part that declares more than the part limit, honestly or in a zip64 extra field", () => {
    const bomb = zerosDeflated(1024);
    const p: ZipPart = { name: "xl/worksheets/sheet1.xml", method: 8, flags: 0, ...bomb };
    for (const options of [{}, { zip64: true }]) {
      const codec = spy();
      expect(refusal(writeZip([p], options), codec)).toMatchObject({
        why: { limit: "partBytes" },
        part: p.name,
      });
      expect(codec.inflated).toEqual([]);
    }
  });

  it("parts that declare more than the package limit together: 40 of 45 MB", () => {
    const media = zerosDeflated(45);
    const parts = Array.from({ length: 40 }, (_, i): ZipPart => ({
      name: `xl/media/image${i}.png`,
      method: 8,
      flags: 0,
      ...media,
    }));
    const codec = spy();
    expect(refusal(writeZip(parts), codec)).toMatchObject({ why: { limit: "packageBytes" } });
    expect(codec.inflated).toEqual([]);
  });

  it("more entries, or more media parts, than the limits", () => {
    const tiny = part("x", "x", 0);
    const entries = Array.from({ length: READ_LIMITS.entries + 1 }, (_, i) => ({ ...tiny, name: `p/${i}` }));
    expect(refusal(writeZip(entries))).toMatchObject({ why: { limit: "entries" } });
    const media = Array.from({ length: READ_LIMITS.mediaParts + 1 }, (_, i) => ({
      ...tiny,
      name: `xl/Media/${i}.png`,
    }));
    expect(refusal(writeZip(media))).toMatchObject({ why: { limit: "mediaParts" } });
    expect(() => new ZipReader(writeZip(media.slice(1))).verify()).not.toThrow();
  });

  it("a part that lies about its size is stopped within a slice of its declared size, whatever it holds", () => {
    const bomb = zerosDeflated(1024); // 1 GiB inflated, declared 1,000 bytes
    /** Compressed input that records how far the inflater read into it. */
    class Watched extends Uint8Array {
      end = 0;
      override subarray(start?: number, end?: number): Uint8Array {
        this.end = Math.max(this.end, end ?? this.length);
        return super.subarray(start, end);
      }
    }
    const data = new Watched(bomb.data);
    expect(PORTABLE_CODEC.inflate(data, 1000)).toBeNull();
    expect(data.end).toBeLessThanOrEqual(32 * 1024);
    expect(NODE_CODEC.inflate(bomb.data, 1000)).toBeNull();
    for (const codec of [NODE_CODEC, PORTABLE_CODEC])
      expect(
        refusal(writeZip([{ name: "a.xml", method: 8, flags: 0, ...bomb, size: 1000 }]), codec),
      ).toMatchObject({
        why: { damage: "size" },
      });
  });
});

describe("what is not an .xlsx package", () => {
  const problem = (bytes: Uint8Array): unknown =>
    (thrown(() => openPackage(bytes)) as WorkbookFormatError).problem;

  it("a password-encrypted .xlsx: an OLE2 file with EncryptedPackage", () => {
    expect(problem(encryptedOle())).toBe("encrypted");
  });

  it("a legacy .xls (Workbook stream), another OLE2 file, a truncated one", () => {
    const renamed = (name: string): Uint8Array => {
      const bytes = encryptedOle();
      // Entry 3 (EncryptedPackage) renamed in place, its length kept.
      const at = 512 * 2 + 128 * 3;
      const view = new DataView(bytes.buffer);
      for (let c = 0; c < 16; c++) view.setUint16(at + 2 * c, c < name.length ? name.charCodeAt(c) : 0, true);
      view.setUint16(at + 0x40, 2 * name.length + 2, true);
      return bytes;
    };
    expect(problem(renamed("Workbook"))).toBe("legacy-xls");
    expect(problem(renamed("Book"))).toBe("legacy-xls");
    expect(problem(renamed("WordDocument"))).toBe("not-zip");
    expect(problem(encryptedOle().slice(0, 300))).toBe("legacy-xls");
    expect(() => sniffWorkbook(zipSync({ a: strToU8("a") }))).not.toThrow();
  });

  it("an .ods or an .xlsb under an .xlsx name", () => {
    expect(problem(odsPackage())).toBe("ods");
    expect(problem(xlsbPackage())).toBe("xlsb");
  });

  it("a file larger than the file limit", () => {
    const big = new Uint8Array(READ_LIMITS.fileBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect(thrown(() => openPackage(big))).toMatchObject({ problem: "too-large", limit: "fileBytes" });
  });
});

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(sum(chunks));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function sum(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((n, c) => n + c.length, 0);
}
