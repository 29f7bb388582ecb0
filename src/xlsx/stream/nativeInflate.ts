import { READ_LIMITS } from "../limits";
import { PORTABLE_CODEC, ZipReader, type ZipCodec } from "./zip";

/**
 * Parts declared at least this large (inflated) are inflated by the browser: below it, a stream's setup costs more
 * than fflate takes. A scorecard's sheet is about 96 KB (12 KB compressed), its styles 130 KB (2 KB).
 */
export const NATIVE_FROM_BYTES = 32 * 1024;

/** Whether this browser inflates raw deflate itself (DecompressionStream "deflate-raw": Chrome 103, Firefox 113). */
export function nativeInflateAvailable(): boolean {
  try {
    return typeof DecompressionStream === "function" && !!new DecompressionStream("deflate-raw");
  } catch {
    return false;
  }
}

/**
 * Compressed input goes to the stream a slice at a time, each written only once the last is taken: deflate tops
 * out near 1:1032, so a part that lies about its size is stopped within ~16 MB of passing it, as fflate is (a
 * stream inflates each chunk written to it whole, however much it makes).
 */
const SLICE = 16 * 1024;

/** `data` inflated by the browser, to exactly `size` bytes; null when it does not (too much, too little, corrupt). */
async function inflateNative(data: Uint8Array, size: number): Promise<Uint8Array | null> {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // A failure on this side is the reader's too: corrupt data or a cancel errors both.
  void (async () => {
    for (let i = 0; i < data.length; i += SLICE) await writer.write(data.subarray(i, i + SLICE));
    await writer.close();
  })().catch(() => undefined);
  const reader = stream.readable.getReader();
  const out = new Uint8Array(size);
  let at = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.length > size) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      out.set(value, at);
      at += value.length;
    }
  } catch {
    return null;
  }
  return at === size ? out : null;
}

/**
 * A codec for the package gate over `bytes` whose large parts the browser has already inflated, several times
 * fflate's speed (a district's 17-scorecard file: 1.8 MB of XML). It only hands back what inflated to exactly the
 * declared size; everything else (small parts, corrupt or lying data, a package the gate will refuse, a browser
 * without the stream) is inflated by fflate as before, so a file is refused with the same reason either way, and
 * the gate still checks every part's size and CRC-32. `native` counts the parts inflated ahead; `from` is the
 * smallest declared size inflated so.
 */
export async function preinflatedCodec(
  bytes: Uint8Array,
  from: number = NATIVE_FROM_BYTES,
): Promise<{ codec: ZipCodec; native: number }> {
  if (!nativeInflateAvailable() || bytes.length > READ_LIMITS.fileBytes)
    return { codec: PORTABLE_CODEC, native: 0 };
  let zip: ZipReader;
  try {
    zip = new ZipReader(bytes);
  } catch {
    return { codec: PORTABLE_CODEC, native: 0 };
  }
  const ahead = new Map<number, Uint8Array>();
  const parts = zip.names
    .map((name) => zip.stored(name))
    .filter((part) => part.method === 8 && part.size >= from);
  // One after another: a hostile package's lying parts then overshoot one at a time, not all at once.
  for (const part of parts) {
    const out = await inflateNative(part.data, part.size);
    if (out) ahead.set(part.data.byteOffset, out);
  }
  const codec: ZipCodec = {
    inflate: (data, size) => {
      const out = ahead.get(data.byteOffset);
      if (out === undefined || out.length !== size || data.buffer !== bytes.buffer)
        return PORTABLE_CODEC.inflate(data, size);
      // Each part is inflated once (the gate keeps it); a later read beyond its budget inflates again.
      ahead.delete(data.byteOffset);
      return out;
    },
    crc32: PORTABLE_CODEC.crc32,
  };
  return { codec, native: ahead.size };
}
