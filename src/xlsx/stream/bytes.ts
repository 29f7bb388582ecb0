/*
 * Byte ↔ text conversions the XML scanner needs, the same in Node and in the browser (the page runs the streaming
 * reader before ExcelJS). Node's Buffer makes them native; the browser has no latin1 decoder (its "latin1" label is
 * windows-1252, which moves 0x80–0x9F), so it maps bytes to chars one by one.
 */

interface NodeBuffer {
  from(data: ArrayBufferLike, offset: number, length: number): { toString(encoding: "latin1"): string };
  from(text: string, encoding: "latin1"): { toString(encoding: "utf8"): string };
}

const NodeBufferClass = (globalThis as { Buffer?: NodeBuffer }).Buffer;

const SLICE = 8192;

/** One char per byte (a latin1 reading), which V8 keeps as a one-byte string. */
export function latin1(bytes: Uint8Array): string {
  if (NodeBufferClass)
    return NodeBufferClass.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let out = "";
  for (let i = 0; i < bytes.length; i += SLICE)
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + SLICE) as unknown as number[]);
  return out;
}

// Made when first needed.
let utf8Decoder: TextDecoder | undefined;
let fatalDecoder: TextDecoder | undefined;

/** A latin1 view of UTF-8 bytes back to the text they encode (the part was checked to be valid UTF-8). */
export function utf8OfLatin1(raw: string): string {
  if (NodeBufferClass) return NodeBufferClass.from(raw, "latin1").toString("utf8");
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return (utf8Decoder ??= new TextDecoder()).decode(bytes);
}

/** Whether bytes are well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
export type Utf8Check = (bytes: Uint8Array) => boolean;

/** The portable check: ASCII needs none; anything else is decoded strictly (Node passes its native isUtf8). */
export const portableUtf8Check: Utf8Check = (bytes) => {
  let ascii = true;
  for (let i = 0; i < bytes.length && ascii; i++) ascii = bytes[i] < 0x80;
  if (ascii) return true;
  try {
    (fatalDecoder ??= new TextDecoder("utf-8", { fatal: true })).decode(bytes);
    return true;
  } catch {
    return false;
  }
};
