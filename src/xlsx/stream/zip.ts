import { Inflate, inflateSync } from "fflate";
import { READ_LIMITS } from "../limits";

/** No part of a scorecard workbook comes near this once inflated; a larger one is refused as hostile. */
export const PART_LIMIT = READ_LIMITS.partBytes;

/** Why the zip container could not be read. */
export type ZipProblem = "damaged" | "too-large";

export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
    /** The part that inflated beyond the limit. */
    readonly part?: string,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

interface Entry {
  readonly method: number;
  readonly compressedSize: number;
  /** As the central directory declares it: trusted for speed only after it checks out. */
  readonly size: number;
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// Pushing the compressed data in small slices bounds what one push can inflate (deflate tops out near 1:1032).
const SLICE = 16 * 1024;

const damaged = (why: string): ZipError => new ZipError("damaged", why);

/**
 * Inflates a whole raw-deflate part whose declared size is `size`; null when it does not fit that size (the part
 * lies about it). The default is fflate's; Node passes its native zlib, several times faster.
 */
export type Inflater = (data: Uint8Array, size: number) => Uint8Array | null;

const fflateInflater: Inflater = (data, size) => {
  const out = inflateSync(data, { out: new Uint8Array(size + 1) });
  return out.length <= size ? out : null;
};

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
 * The entries of a zip held in memory, read from its central directory (as JSZip does, so data descriptors and
 * odd local headers read the same). Parts are inflated on demand, streamed, and never beyond PART_LIMIT.
 */
export class ZipReader {
  private readonly entries = new Map<string, Entry>();
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflater: Inflater = fflateInflater,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = -1;
    // The end record sits in the last 22 bytes plus at most a 64 KB comment.
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
      if (this.u32(i) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0) throw damaged("End of central directory not found");
    const count = this.u16(eocd + 10);
    let at = this.u32(eocd + 16);
    const decoder = new TextDecoder();
    for (let n = 0; n < count; n++) {
      if (at + 46 > bytes.length || this.u32(at) !== CENTRAL) throw damaged("Corrupted central directory");
      const nameLength = this.u16(at + 28);
      const name = entryName(bytes.subarray(at + 46, at + 46 + nameLength), decoder).replace(/^\//, "");
      this.entries.set(name, {
        method: this.u16(at + 10),
        compressedSize: this.u32(at + 20),
        size: this.u32(at + 24),
        localOffset: this.u32(at + 42),
      });
      at += 46 + nameLength + this.u16(at + 30) + this.u16(at + 32);
    }
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get names(): readonly string[] {
    return [...this.entries.keys()];
  }

  /**
   * A part as stored (its method, declared size and compressed bytes), so that a caller can tell it is the same
   * part as one already read without inflating it.
   */
  stored(name: string): { readonly method: number; readonly size: number; readonly data: Uint8Array } {
    const entry = this.entries.get(name);
    if (!entry) throw damaged(`Missing part ${name}`);
    const at = entry.localOffset;
    if (at + 30 > this.bytes.length || this.u32(at) !== LOCAL)
      throw damaged(`Corrupted local header of ${name}`);
    const start = at + 30 + this.u16(at + 26) + this.u16(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw damaged(`Truncated part ${name}`);
    return { method: entry.method, size: entry.size, data: this.bytes.subarray(start, end) };
  }

  /**
   * Streams the inflated bytes of a part to `onChunk`, throwing ZipError("too-large") as soon as the total
   * passes `limit`: a zip bomb costs at most one slice's output of memory, never the whole part.
   */
  read(name: string, onChunk: (chunk: Uint8Array) => void, limit = PART_LIMIT): void {
    const { method, size, data } = this.stored(name);
    let total = 0;
    const emit = (chunk: Uint8Array): void => {
      total += chunk.length;
      if (total > limit)
        throw new ZipError("too-large", `${name} inflates beyond ${limit / 1024 / 1024} MB`, name);
      onChunk(chunk);
    };
    if (method === 0) {
      for (let i = 0; i < data.length; i += SLICE) emit(data.subarray(i, i + SLICE));
      return;
    }
    if (method !== 8) throw damaged(`Unsupported compression method ${method} in ${name}`);
    try {
      if (size <= limit) {
        // The usual case, inflated in one go into a buffer of the declared size; a part that does not fit it
        // lied about its size and goes through the streaming path below, which enforces the limit.
        const out = this.inflater(data, size);
        if (out) {
          emit(out);
          return;
        }
      }
      const inflate = new Inflate((chunk) => emit(chunk));
      for (let i = 0; i < data.length; i += SLICE)
        inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw damaged(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Inflates every part, keeping nothing: throws ZipError("too-large") for the first that passes the limit. */
  checkSizes(limit = PART_LIMIT): void {
    for (const name of this.entries.keys()) this.read(name, () => undefined, limit);
  }

  /** A whole part as text (for the small parts: rels, workbook); bounded by the same limit. */
  text(name: string): string {
    const decoder = new TextDecoder();
    let out = "";
    this.read(name, (chunk) => (out += decoder.decode(chunk, { stream: true })));
    return out + decoder.decode();
  }
}
