import * as zlib from "zlib";
import { crc32 } from "./crc32";
import type { ZipCodec } from "./zip";

/**
 * Node's native zlib for the zip reader: several times fflate's speed. maxOutputLength stops inflating as soon as
 * a part passes its declared size. zlib.crc32 is Node ≥ 20.15 (engines: ≥ 20): before it, the JavaScript one.
 */
export const NODE_CODEC: ZipCodec = {
  inflate: (data, size) => {
    // No data at all (ClosedXML writes an empty thumbnail so) is no deflate stream to zlib, and empty to fflate,
    // JSZip and Python's zipfile: empty here too, so that both codecs read the file alike.
    if (data.length === 0) return new Uint8Array(0);
    try {
      const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      return out.length <= size ? out : null;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
      throw e;
    }
  },
  crc32: "crc32" in zlib ? (data, crc) => zlib.crc32(data, crc) : crc32,
};
