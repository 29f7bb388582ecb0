import { Inflate } from "fflate";
import { READ_LIMITS, type ReadLimit } from "../limits";
import { crc32 } from "./crc32";

/** No part of a scorecard workbook comes near this once inflated; a larger one is refused as hostile. */
export const PART_LIMIT = READ_LIMITS.partBytes;

/** Why a zip was refused as damaged: each a way for two readers to read one file differently, or not at all. */
export type ZipDamage =
  /** No end record, a directory that does not add up (counts, offsets, zip64 records that disagree). */
  | "directory"
  /** A local header that is missing or disagrees with the directory (name, method, sizes, CRC). */
  | "local-header"
  /** An entry's data runs past the end of the file. */
  | "truncated"
  /** A compression method other than stored and deflate. */
  | "method"
  /** Zip-level encryption (Excel never writes it: an encrypted workbook is an OLE2 file). */
  | "encrypted"
  /** The data does not inflate to the size the directory declares. */
  | "size"
  /** The inflated data does not match the CRC-32 the directory declares. */
  | "crc"
  /** The deflate data itself is corrupt. */
  | "inflate"
  /** Two entries with one part name (OPC compares part names as case-insensitive ASCII). */
  | "duplicate"
  /** An entry's header or data overlaps another entry's, or the directory. */
  | "overlap";

/** Why the zip container could not be read: damaged, or past one of READ_LIMITS. */
export class ZipError extends Error {
  readonly problem: "damaged" | "too-large";

  constructor(
    message: string,
    readonly why: { readonly damage: ZipDamage } | { readonly limit: ReadLimit },
    /** The part where it happened; none for the directory as a whole and for package-wide limits. */
    readonly part?: string,
  ) {
    super(message);
    this.name = "ZipError";
    this.problem = "damage" in why ? "damaged" : "too-large";
  }
}

/**
 * Raw-deflate `data` inflated: exactly the bytes it holds while they fit in `size`, null as soon as they pass it
 * (the directory understated the size). Throws on corrupt data.
 */
export type Inflater = (data: Uint8Array, size: number) => Uint8Array | null;

/** The CRC-32 of `data`, continuing from `crc`, as zlib.crc32. */
export type Crc32 = (data: Uint8Array, crc?: number) => number;

export interface ZipCodec {
  readonly inflate: Inflater;
  readonly crc32: Crc32;
}

// Compressed input goes to fflate in slices: one slice inflates to at most ~33 MB (deflate tops out near 1:1032),
// so a part that lies about its size is stopped within a slice of passing it.
const SLICE = 32 * 1024;
const OVER = new Error("over");

const fflateInflate: Inflater = (data, size) => {
  const out = new Uint8Array(size);
  let at = 0;
  const inflate = new Inflate((chunk) => {
    if (at + chunk.length > size) throw OVER;
    out.set(chunk, at);
    at += chunk.length;
  });
  try {
    for (let i = 0; i < data.length; i += SLICE)
      inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
    if (data.length === 0) inflate.push(data, true);
  } catch (e) {
    if (e === OVER) return null;
    throw e;
  }
  return at === size ? out : out.subarray(0, at);
};

/** fflate and a CRC-32 in JavaScript: the browser's codec. Node passes its native zlib (./nodeCodec). */
export const PORTABLE_CODEC: ZipCodec = { inflate: fflateInflate, crc32 };

/** A part name as OPC compares it: case-insensitive ASCII (ECMA-376 Part 2, §9.1.1.2, [M1.12]). */
export const foldName = (name: string): string => name.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/**
 * An entry's name as a part name: folders separated by '/' (some Windows writers put '\', which Excel reads as
 * '/'), without a leading '/'.
 */
const partName = (name: string): string => name.replace(/\\/g, "/").replace(/^\//, "");

interface Entry {
  readonly name: string;
  readonly rawName: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** As the directory declares it: the part must inflate to exactly this, never more. */
  readonly size: number;
  readonly localOffset: number;
  /** Where the compressed data starts, after the local header. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const ZIP64_EXTRA = 0x0001;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const FLAG_UTF8 = 0x800;
/**
 * Inflated parts kept for the package's later reads (the streaming reader, then the stored copy ExcelJS gets):
 * within it, each part is inflated once; beyond it, again when read.
 */
const KEEP_BYTES = 32 * 1024 * 1024;

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Small entries that checked out, by their stored form: an entry stored exactly as one of them (same method,
 * declared size and CRC, same compressed bytes) inflates to the same bytes with the same CRC, so it checks out
 * without inflating it. A batch from one writer repeats its styles, theme and relationships byte for byte, and
 * each inflate call costs a fresh zlib stream: checking every entry made check of 300 files 40 % slower without
 * this, and costs it about what the noise of a shared machine hides with it.
 */
const VERIFIED = (() => {
  const seen: { method: number; size: number; crc: number; data: Uint8Array }[] = [];
  return {
    /** Whether it checked out before; it then goes first, as the least likely to be dropped. */
    has: (e: Entry, data: Uint8Array): boolean => {
      const i = seen.findIndex(
        (s) => s.crc === e.crc && s.size === e.size && s.method === e.method && sameBytes(s.data, data),
      );
      if (i > 0) seen.unshift(...seen.splice(i, 1));
      return i >= 0;
    },
    add: (e: Entry, data: Uint8Array): void => {
      if (data.length > 16 * 1024) return;
      seen.unshift({ method: e.method, size: e.size, crc: e.crc, data: data.slice() });
      seen.length = Math.min(seen.length, 16);
    },
  };
})();

const damaged = (damage: ZipDamage, message: string, part?: string): ZipError =>
  new ZipError(part === undefined ? message : `${part}: ${message}`, { damage }, part);

const tooLarge = (limit: ReadLimit, message: string, part?: string): ZipError =>
  new ZipError(part === undefined ? message : `${part}: ${message}`, { limit }, part);

/** An entry's name: ASCII (as every part of an .xlsx is named) without a call to the decoder. */
function entryName(bytes: Uint8Array, decoder: TextDecoder): string {
  let name = "";
  for (const b of bytes) {
    if (b >= 0x80) return decoder.decode(bytes);
    name += String.fromCharCode(b);
  }
  return name;
}

/**
 * The entries of a zip held in memory, read from its central directory (as Excel and JSZip do). The constructor
 * refuses, before inflating anything, every package that two readers could read differently (duplicate part
 * names, overlapping entries, local headers that disagree with the directory, zip64 records that disagree with
 * the end record) and every package whose directory already passes a limit (entries, media parts, a part's or
 * the package's declared size). Reading a part then inflates it to at most its declared size and checks its
 * size and CRC-32, so the declared sizes bound the work and are never trusted for more. Names are looked up as
 * OPC compares them, without regard to ASCII case.
 */
export class ZipReader {
  private readonly entries = new Map<string, Entry>();
  private readonly kept = new Map<Entry, Uint8Array>();
  private keptBytes = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly codec: ZipCodec = PORTABLE_CODEC,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const { count, offset, end } = this.directory();
    if (count > READ_LIMITS.entries)
      throw tooLarge("entries", `${count} entries, more than ${READ_LIMITS.entries}`);
    const decoder = new TextDecoder();
    let at = offset;
    let total = 0;
    let media = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > end || this.u32(at) !== CENTRAL)
        throw damaged("directory", "Corrupted central directory");
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const next = at + 46 + nameLength + extraLength + this.u16(at + 32);
      if (next > end) throw damaged("directory", "Corrupted central directory");
      const rawName = this.bytes.subarray(at + 46, at + 46 + nameLength);
      const name = partName(entryName(rawName, decoder));
      const entry = this.centralEntry(
        at,
        name,
        rawName,
        this.bytes.subarray(at + 46 + nameLength, next - this.u16(at + 32)),
      );
      const key = foldName(name);
      if (this.entries.has(key)) throw damaged("duplicate", "Two entries with this part name", name);
      this.entries.set(key, entry);
      if (entry.size > READ_LIMITS.partBytes)
        throw tooLarge("partBytes", `declares ${entry.size} bytes, more than ${READ_LIMITS.partBytes}`, name);
      total += entry.size;
      if (total > READ_LIMITS.packageBytes)
        throw tooLarge(
          "packageBytes",
          `The parts declare more than ${READ_LIMITS.packageBytes} bytes in all`,
        );
      if (key.startsWith("xl/media/") && ++media > READ_LIMITS.mediaParts)
        throw tooLarge("mediaParts", `More than ${READ_LIMITS.mediaParts} media parts`);
      at = next;
    }
    // An entry the end record does not count is one that JSZip reads and other readers do not.
    if (at + 4 <= end && this.u32(at) === CENTRAL)
      throw damaged("directory", "More entries in the central directory than the end record counts");
    this.checkLocalHeaders(offset);
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  /** A little-endian 64-bit field; past 2^53 it is beyond any file in memory and reads as Infinity. */
  private u64(at: number): number {
    const high = this.u32(at + 4);
    return high >= 0x200000 ? Infinity : high * 2 ** 32 + this.u32(at);
  }

  /**
   * The central directory's entry count and place, from the end record or, when a zip64 locator precedes it,
   * from the zip64 end record, whose figures must agree with every end-record figure not set to its maximum.
   * `end` is where the directory must end: at the (zip64) end record.
   */
  private directory(): { count: number; offset: number; end: number } {
    const bytes = this.bytes;
    let eocd = -1;
    // The end record sits in the last 22 bytes plus at most a 64 KB comment.
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
      if (this.u32(i) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw damaged("directory", "End of central directory not found");
    const disks = [this.u16(eocd + 4), this.u16(eocd + 6)];
    let count = this.u16(eocd + 10);
    let size = this.u32(eocd + 12);
    let offset = this.u32(eocd + 16);
    let end = eocd;
    const locator = eocd - 20;
    if (locator >= 0 && this.u32(locator) === LOCATOR64) {
      const record = this.u64(locator + 8);
      if (!(record + 56 <= locator) || this.u32(record) !== EOCD64)
        throw damaged("directory", "zip64 end of central directory not found");
      const count64 = this.u64(record + 32);
      const size64 = this.u64(record + 40);
      const offset64 = this.u64(record + 48);
      if (
        (count !== MAX16 && count !== count64) ||
        (size !== MAX32 && size !== size64) ||
        (offset !== MAX32 && offset !== offset64) ||
        this.u64(record + 24) !== count64
      )
        throw damaged("directory", "The zip64 end record disagrees with the end record");
      [count, size, offset, end] = [count64, size64, offset64, record];
      // A disk number the end record could not hold says "see the zip64 record".
      disks.forEach((disk, i) => (disks[i] = disk === MAX16 ? this.u32(record + 16 + 4 * i) : disk));
    }
    if (disks.some((disk) => disk !== 0)) throw damaged("directory", "A zip split over several disks");
    if (!(offset + size <= end)) throw damaged("directory", "Central directory out of bounds");
    return { count, offset, end };
  }

  /** One central-directory entry, its 32-bit fields completed from its zip64 extra field where set to the maximum. */
  private centralEntry(at: number, name: string, rawName: Uint8Array, extra: Uint8Array): Entry {
    let size = this.u32(at + 24);
    let compressedSize = this.u32(at + 20);
    let localOffset = this.u32(at + 42);
    if (size === MAX32 || compressedSize === MAX32 || localOffset === MAX32) {
      // APPNOTE 4.5.3: the zip64 extra field holds, in this order, only the fields set to their maximum.
      const zip64 = this.extraField(extra, ZIP64_EXTRA);
      let field = 0;
      const next = (): number => {
        if (!zip64 || field + 8 > zip64.length) throw damaged("directory", "zip64 extra field missing", name);
        const value = this.u64(zip64.byteOffset - this.bytes.byteOffset + field);
        field += 8;
        return value;
      };
      if (size === MAX32) size = next();
      if (compressedSize === MAX32) compressedSize = next();
      if (localOffset === MAX32) localOffset = next();
    }
    const flags = this.u16(at + 8);
    const method = this.u16(at + 10);
    if (flags & FLAG_ENCRYPTED) throw damaged("encrypted", "Encrypted zip entry", name);
    if (method !== 0 && method !== 8)
      throw damaged("method", `Unsupported compression method ${method}`, name);
    if (method === 0 && compressedSize !== size)
      throw damaged("size", "A stored entry whose sizes differ", name);
    return {
      name,
      rawName,
      flags,
      method,
      crc: this.u32(at + 16),
      compressedSize,
      size,
      localOffset,
      dataStart: 0,
    };
  }

  /** The data of the extra field with this id, or null. */
  private extraField(extra: Uint8Array, id: number): Uint8Array | null {
    const base = extra.byteOffset - this.bytes.byteOffset;
    for (let i = 0; i + 4 <= extra.length;) {
      const length = this.u16(base + i + 2);
      if (this.u16(base + i) === id) return extra.subarray(i + 4, Math.min(extra.length, i + 4 + length));
      i += 4 + length;
    }
    return null;
  }

  /**
   * Each entry's local header must be where the directory says, and no entry's header and data may overlap
   * another's or the directory; then each local header must name the same part with the same method and (unless
   * its sizes follow the data in a descriptor) declare the same CRC and sizes wherever it declares them.
   */
  private checkLocalHeaders(directoryStart: number): void {
    const spans: { start: number; end: number; name: string }[] = [];
    for (const entry of this.entries.values()) {
      const at = entry.localOffset;
      if (!(at + 30 <= directoryStart) || this.u32(at) !== LOCAL)
        throw damaged("local-header", "Local header not found", entry.name);
      entry.dataStart = at + 30 + this.u16(at + 26) + this.u16(at + 28);
      const end = entry.dataStart + entry.compressedSize;
      if (end > this.bytes.length) throw damaged("truncated", "Data past the end of the file", entry.name);
      if (end > directoryStart)
        throw damaged("overlap", "Data overlapping the central directory", entry.name);
      spans.push({ start: at, end, name: entry.name });
    }
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++)
      if (spans[i].start < spans[i - 1].end)
        throw damaged("overlap", `Overlaps the data of ${spans[i - 1].name}`, spans[i].name);
    for (const entry of this.entries.values()) {
      const at = entry.localOffset;
      const nameLength = this.u16(at + 26);
      if (!sameBytes(this.bytes.subarray(at + 30, at + 30 + nameLength), entry.rawName))
        throw damaged("local-header", "The local header names another part", entry.name);
      if (this.u16(at + 8) !== entry.method)
        throw damaged("local-header", "The local header gives another compression method", entry.name);
      if (!(this.u16(at + 6) & FLAG_DESCRIPTOR)) this.checkLocalFigures(entry, at, this.u16(at + 28));
    }
  }

  /** A local header's CRC and sizes, where given (not zero), must be the directory's. */
  private checkLocalFigures(entry: Entry, at: number, extraLength: number): void {
    let size = this.u32(at + 22);
    let compressedSize = this.u32(at + 18);
    if (size === MAX32 || compressedSize === MAX32) {
      const extraStart = at + 30 + this.u16(at + 26);
      const zip64 = this.extraField(this.bytes.subarray(extraStart, extraStart + extraLength), ZIP64_EXTRA);
      // In a local header the zip64 field holds both sizes (APPNOTE 4.5.3).
      if (!zip64 || zip64.length < 16) throw damaged("local-header", "zip64 extra field missing", entry.name);
      const base = zip64.byteOffset - this.bytes.byteOffset;
      size = this.u64(base);
      compressedSize = this.u64(base + 8);
    }
    const crc = this.u32(at + 14);
    if (
      (crc !== 0 && crc !== entry.crc) ||
      (size !== 0 && size !== entry.size) ||
      (compressedSize !== 0 && compressedSize !== entry.compressedSize)
    )
      throw damaged("local-header", "The local header declares another CRC or size", entry.name);
  }

  private entry(name: string): Entry {
    const entry = this.entries.get(foldName(partName(name)));
    // Not damage of the zip: a reader asked for a part it did not check with has().
    if (!entry) throw new Error(`No part ${name} in the package`);
    return entry;
  }

  has(name: string): boolean {
    return this.entries.has(foldName(partName(name)));
  }

  /** The name of the part `name` names as the zip spells it (its case; '/' for '\'), or undefined. */
  spelling(name: string): string | undefined {
    return this.entries.get(foldName(partName(name)))?.name;
  }

  /** The part names as the zip spells them ('/' for '\'), in directory order. */
  get names(): readonly string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  /**
   * A part as stored (its method, declared size and CRC, and compressed bytes), so that a caller can tell it is
   * the same part as one already read without inflating it.
   */
  stored(name: string): {
    readonly method: number;
    readonly size: number;
    readonly crc: number;
    readonly data: Uint8Array;
  } {
    const { method, size, crc, dataStart, compressedSize } = this.entry(name);
    return { method, size, crc, data: this.bytes.subarray(dataStart, dataStart + compressedSize) };
  }

  /** An entry inflated, to exactly its declared size, and its CRC-32 checked; kept within KEEP_BYTES. */
  private inflate(entry: Entry): Uint8Array {
    const kept = this.kept.get(entry);
    if (kept) return kept;
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let out: Uint8Array | null = data;
    if (entry.method === 8)
      try {
        out = this.codec.inflate(data, entry.size);
      } catch (e) {
        throw damaged(
          "inflate",
          `Corrupt deflate data (${e instanceof Error ? e.message : String(e)})`,
          entry.name,
        );
      }
    if (out === null) throw damaged("size", `Inflates beyond its declared ${entry.size} bytes`, entry.name);
    if (out.length !== entry.size)
      throw damaged("size", `Inflates to ${out.length} bytes, not its declared ${entry.size}`, entry.name);
    const crc = this.codec.crc32(out);
    if (crc !== entry.crc)
      throw damaged(
        "crc",
        `CRC-32 ${crc.toString(16)} where the directory declares ${entry.crc.toString(16)}`,
        entry.name,
      );
    if (this.keptBytes + out.length <= KEEP_BYTES) {
      this.kept.set(entry, out);
      this.keptBytes += out.length;
    }
    return out;
  }

  /**
   * Inflates and checks every entry once (sizes, CRC-32), keeping what fits a memory budget for read() to serve:
   * every reader refuses a damaged package whole, whichever parts it goes on to read.
   */
  verify(): void {
    for (const entry of this.entries.values()) {
      const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
      if (VERIFIED.has(entry, data)) continue;
      this.inflate(entry);
      VERIFIED.add(entry, data);
    }
  }

  /** A part's inflated bytes, checked (see inflate), to `onChunk`. */
  read(name: string, onChunk: (chunk: Uint8Array) => void): void {
    onChunk(this.inflate(this.entry(name)));
  }

  /** A whole part as text (for the small parts: rels, workbook). */
  text(name: string): string {
    return new TextDecoder().decode(this.inflate(this.entry(name)));
  }

  /**
   * The package again, every entry stored (not compressed) with its checked bytes and CRC, in directory order:
   * a zip library handed it copies each part and inflates nothing, and sees exactly the parts checked here.
   * `rename` may respell a part's name (another part name must not result); `replace` may give a part other
   * bytes, or null to leave it out.
   */
  storedCopy(
    rename: (name: string) => string = (name) => name,
    replace: (name: string) => Uint8Array | null | undefined = () => undefined,
  ): Uint8Array {
    const encoder = new TextEncoder();
    const parts: { entry: Entry; name: Uint8Array; data?: Uint8Array; size: number; crc: number }[] = [];
    for (const entry of this.entries.values()) {
      const data = replace(entry.name);
      if (data === null) continue;
      const name = encoder.encode(rename(entry.name));
      parts.push(
        data === undefined
          ? { entry, name, size: entry.size, crc: entry.crc }
          : { entry, name, data, size: data.length, crc: this.codec.crc32(data) },
      );
    }
    let length = 22;
    for (const { name, size } of parts) length += 30 + 46 + 2 * name.length + size;
    const out = new Uint8Array(length);
    const view = new DataView(out.buffer);
    // The fields a local header (at `at`) and a central one (at `at` + 2, after "version made by") share.
    const common = (at: number, part: (typeof parts)[number]): void => {
      view.setUint16(at + 4, 20, true); // version needed: 2.0
      view.setUint16(at + 6, part.name.every((b) => b < 0x80) ? 0 : FLAG_UTF8, true);
      view.setUint32(at + 10, 0x00210000, true); // stored, 1980-01-01 00:00
      view.setUint32(at + 14, part.crc, true);
      view.setUint32(at + 18, part.size, true);
      view.setUint32(at + 22, part.size, true);
      view.setUint16(at + 26, part.name.length, true);
    };
    const offsets: number[] = [];
    let at = 0;
    for (const part of parts) {
      offsets.push(at);
      view.setUint32(at, LOCAL, true);
      common(at, part);
      out.set(part.name, at + 30);
      // Inflated (or taken from what verify() kept) one at a time, straight into the copy.
      out.set(part.data ?? this.inflate(part.entry), at + 30 + part.name.length);
      at += 30 + part.name.length + part.size;
    }
    const directory = at;
    parts.forEach((part, i) => {
      view.setUint32(at, CENTRAL, true);
      view.setUint16(at + 4, 20, true); // made by: MS-DOS, 2.0
      common(at + 2, part);
      view.setUint32(at + 42, offsets[i], true);
      out.set(part.name, at + 46);
      at += 46 + part.name.length;
    });
    view.setUint32(at, EOCD, true);
    view.setUint16(at + 8, parts.length, true);
    view.setUint16(at + 10, parts.length, true);
    view.setUint32(at + 12, at - directory, true);
    view.setUint32(at + 16, directory, true);
    return out;
  }
}
