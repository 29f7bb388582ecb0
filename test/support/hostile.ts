/*
 * Hostile and unusual packages, written byte by byte (APPNOTE.TXT for zip and zip64, [MS-CFB] for OLE2), so that
 * every field a reader might trust can be made to lie. Big inputs are never made: a part that inflates to a
 * gigabyte is a megabyte of repeated deflate blocks (zerosDeflated), and its CRC is chained over one MiB.
 */
import { constants, crc32, deflateRawSync } from "zlib";
import { strToU8, unzipSync } from "fflate";

const MiB = 1024 * 1024;

/** One entry as the writer lays it out: every field as declared, whatever the data really holds. */
export interface ZipPart {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly flags: number;
  /** The bytes as stored (compressed for method 8). */
  readonly data: Uint8Array;
  /** Declared, in the central directory and (unless `local` says otherwise) the local header. */
  readonly crc: number;
  readonly size: number;
  /** What the local header declares instead, when it disagrees with the directory. */
  readonly local?: { readonly crc?: number; readonly size?: number; readonly compressedSize?: number };
}

/** A part with its true CRC and size, deflated unless `method` 0. */
export function part(name: string, content: Uint8Array | string, method = 8): ZipPart {
  const bytes = typeof content === "string" ? strToU8(content) : content;
  return {
    name,
    method,
    flags: 0,
    data: method === 8 ? deflateRawSync(bytes) : bytes,
    crc: crc32(bytes),
    size: bytes.length,
  };
}

/**
 * Raw deflate of `mib` MiB of zeros, without making them: one MiB deflated to a byte-aligned run of non-final
 * blocks (Z_SYNC_FLUSH) that refers to nothing before it, repeated, then a final empty block. About 1 KB a MiB.
 */
export function zerosDeflated(mib: number): { data: Uint8Array; crc: number; size: number } {
  const zeros = new Uint8Array(MiB);
  const block = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const data = new Uint8Array(block.length * mib + 2);
  let crc = 0;
  for (let i = 0; i < mib; i++) {
    data.set(block, i * block.length);
    crc = crc32(zeros, crc);
  }
  data.set([0x03, 0x00], block.length * mib); // BFINAL, fixed Huffman, end of block
  return { data, crc, size: mib * MiB };
}

export interface ZipOptions {
  /** zip64 records: an EOCD64 and its locator, and every entry's sizes and offset in zip64 extra fields. */
  readonly zip64?: boolean;
  /** Sizes and CRC in data descriptors after the data (flag bit 3), zero in the local headers. */
  readonly descriptors?: boolean;
}

class Writer {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  bytes(data: Uint8Array | readonly number[]): void {
    const chunk = data instanceof Uint8Array ? data : Uint8Array.from(data);
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  u16(v: number): void {
    this.bytes([v & 0xff, (v >>> 8) & 0xff]);
  }

  u32(v: number): void {
    this.bytes([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
  }

  u64(v: number): void {
    this.u32(v % 2 ** 32);
    this.u32(Math.floor(v / 2 ** 32));
  }

  done(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const MAX32 = 0xffffffff;

/** General-purpose flag bit 11: the name is UTF-8 (APPNOTE appendix D). */
const utf8Flag = (name: string): number => ([...name].some((c) => c.charCodeAt(0) > 0x7f) ? 0x800 : 0);

function zip64Extra(fields: readonly number[]): Uint8Array {
  const w = new Writer();
  w.u16(0x0001);
  w.u16(fields.length * 8);
  for (const f of fields) w.u64(f);
  return w.done();
}

/** The local header of `p` (and its data, unless `withData` is false). */
export function localRecord(p: ZipPart, options: ZipOptions = {}, withData = true): Uint8Array {
  const w = new Writer();
  const name = strToU8(p.name);
  const descriptor = options.descriptors === true;
  const crc = descriptor ? 0 : (p.local?.crc ?? p.crc);
  const size = descriptor ? 0 : (p.local?.size ?? p.size);
  const compressedSize = descriptor ? 0 : (p.local?.compressedSize ?? p.data.length);
  const extra = options.zip64 ? zip64Extra([size, compressedSize]) : new Uint8Array(0);
  w.u32(0x04034b50);
  w.u16(options.zip64 ? 45 : 20);
  w.u16(p.flags | (descriptor ? 0x8 : 0) | utf8Flag(p.name));
  w.u16(p.method);
  w.u32(0x00210000);
  w.u32(crc);
  w.u32(options.zip64 ? MAX32 : compressedSize);
  w.u32(options.zip64 ? MAX32 : size);
  w.u16(name.length);
  w.u16(extra.length);
  w.bytes(name);
  w.bytes(extra);
  if (withData) w.bytes(p.data);
  if (withData && descriptor) {
    w.u32(0x08074b50);
    w.u32(p.crc);
    if (options.zip64) {
      w.u64(p.data.length);
      w.u64(p.size);
    } else {
      w.u32(p.data.length);
      w.u32(p.size);
    }
  }
  return w.done();
}

/** The central-directory record of `p`, its local header at `offset`. */
export function centralRecord(p: ZipPart, offset: number, options: ZipOptions = {}): Uint8Array {
  const w = new Writer();
  const name = strToU8(p.name);
  const extra = options.zip64 ? zip64Extra([p.size, p.data.length, offset]) : new Uint8Array(0);
  w.u32(0x02014b50);
  w.u16(options.zip64 ? 45 : 20);
  w.u16(options.zip64 ? 45 : 20);
  w.u16(p.flags | (options.descriptors ? 0x8 : 0) | utf8Flag(p.name));
  w.u16(p.method);
  w.u32(0x00210000);
  w.u32(p.crc);
  w.u32(options.zip64 ? MAX32 : p.data.length);
  w.u32(options.zip64 ? MAX32 : p.size);
  w.u16(name.length);
  w.u16(extra.length);
  w.u16(0);
  w.u16(0);
  w.u16(0);
  w.u32(0);
  w.u32(options.zip64 ? MAX32 : offset);
  w.bytes(name);
  w.bytes(extra);
  return w.done();
}

/** The end records of a directory of `count` entries, `size` bytes at `offset` (the EOCD64 right after it). */
export function endRecords(
  count: number,
  offset: number,
  size: number,
  options: ZipOptions = {},
): Uint8Array {
  const w = new Writer();
  if (options.zip64) {
    w.u32(0x06064b50);
    w.u64(44);
    w.u16(45);
    w.u16(45);
    w.u32(0);
    w.u32(0);
    w.u64(count);
    w.u64(count);
    w.u64(size);
    w.u64(offset);
    w.u32(0x07064b50);
    w.u32(0);
    w.u64(offset + size);
    w.u32(1);
  }
  w.u32(0x06054b50);
  w.u16(0);
  w.u16(0);
  w.u16(options.zip64 ? 0xffff : count);
  w.u16(options.zip64 ? 0xffff : count);
  w.u32(options.zip64 ? MAX32 : size);
  w.u32(options.zip64 ? MAX32 : offset);
  w.u16(0);
  return w.done();
}

/** A zip of these parts, in order, each written as it declares itself. */
export function writeZip(parts: readonly ZipPart[], options: ZipOptions = {}): Uint8Array {
  const w = new Writer();
  const offsets = parts.map((p) => {
    const at = w.length;
    w.bytes(localRecord(p, options));
    return at;
  });
  const directory = w.length;
  parts.forEach((p, i) => w.bytes(centralRecord(p, offsets[i], options)));
  w.bytes(endRecords(parts.length, directory, w.length - directory, options));
  return w.done();
}

/**
 * A zip of these parts plus one more directory entry, `alias`, pointing at the local header of the part named
 * `target`: two entries sharing one header and its data, as a zip bomb reuses data.
 */
export function writeZipWithAlias(parts: readonly ZipPart[], target: string, alias: string): Uint8Array {
  const w = new Writer();
  const offsets = parts.map((p) => {
    const at = w.length;
    w.bytes(localRecord(p));
    return at;
  });
  const directory = w.length;
  parts.forEach((p, i) => w.bytes(centralRecord(p, offsets[i])));
  const i = parts.findIndex((p) => p.name === target);
  w.bytes(centralRecord({ ...parts[i], name: alias }, offsets[i]));
  w.bytes(endRecords(parts.length + 1, directory, w.length - directory));
  return w.done();
}

/** The parts of a zip (as fflate reads it), each with its true CRC and size, in the zip's order. */
export function partsOf(bytes: Uint8Array, method = 8): ZipPart[] {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => part(name, data, method));
}

/**
 * A password-encrypted .xlsx as Excel saves it: an OLE2 compound file ([MS-CFB], version 3, 512-byte sectors)
 * whose directory holds the EncryptionInfo and EncryptedPackage streams ([MS-OFFCRYPTO] 2.3.4.4) beside the
 * \x06DataSpaces storage. The streams' contents are placeholders: a reader must tell the file by its directory.
 */
export function encryptedOle(): Uint8Array {
  const SECTOR = 512;
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const FATSECT = 0xfffffffd;
  const out = new Uint8Array(SECTOR * 4);
  const view = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true); // minor version
  view.setUint16(0x1a, 3, true); // major version
  view.setUint16(0x1c, 0xfffe, true); // byte order
  view.setUint16(0x1e, 9, true); // 512-byte sectors
  view.setUint16(0x20, 6, true); // 64-byte mini sectors
  view.setUint32(0x2c, 1, true); // one FAT sector
  view.setUint32(0x30, 1, true); // the directory starts at sector 1
  view.setUint32(0x38, 4096, true); // mini stream cutoff
  view.setUint32(0x3c, END, true); // no mini FAT
  view.setUint32(0x44, END, true); // no DIFAT sectors
  view.setUint32(0x4c, 0, true); // the FAT is sector 0
  for (let i = 1; i < 109; i++) view.setUint32(0x4c + 4 * i, FREE, true);
  // The FAT (sector 0): itself, then the directory's two-sector chain 1 → 2.
  const fat = SECTOR;
  for (let i = 0; i < 128; i++) view.setUint32(fat + 4 * i, FREE, true);
  view.setUint32(fat, FATSECT, true);
  view.setUint32(fat + 4, 2, true);
  view.setUint32(fat + 8, END, true);
  // Name, type (5 root, 1 storage, 2 stream), left and right siblings, child: the red-black tree of the root's
  // children (ordered by name length, then name), EncryptionInfo at its top, all black.
  const entries: [string, number, number, number, number][] = [
    ["Root Entry", 5, FREE, FREE, 1],
    ["EncryptionInfo", 2, 2, 3, FREE],
    ["\x06DataSpaces", 1, FREE, FREE, FREE],
    ["EncryptedPackage", 2, FREE, FREE, FREE],
  ];
  entries.forEach(([name, type, left, right, child], i) => {
    const at = 2 * SECTOR + 128 * i;
    for (let c = 0; c < name.length; c++) view.setUint16(at + 2 * c, name.charCodeAt(c), true);
    view.setUint16(at + 0x40, 2 * name.length + 2, true);
    out[at + 0x42] = type;
    out[at + 0x43] = 1;
    view.setUint32(at + 0x44, left, true);
    view.setUint32(at + 0x48, right, true);
    view.setUint32(at + 0x4c, child, true);
    view.setUint32(at + 0x74, END, true);
  });
  return out;
}

/** An OpenDocument spreadsheet as LibreOffice lays it out: the mimetype entry first, stored. */
export function odsPackage(): Uint8Array {
  return writeZip([
    part("mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0),
    part(
      "content.xml",
      '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    ),
    part(
      "META-INF/manifest.xml",
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    ),
  ]);
}

/** An Excel binary workbook: xl/workbook.bin where an .xlsx has xl/workbook.xml. */
export function xlsbPackage(): Uint8Array {
  return writeZip([
    part(
      "[Content_Types].xml",
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
    ),
    part("_rels/.rels", "<Relationships/>"),
    part("xl/workbook.bin", new Uint8Array([0x83, 0x01, 0x00, 0x84, 0x01, 0x00])),
  ]);
}
