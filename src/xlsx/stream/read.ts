/*
 * The streaming reader in Node (check, summary, sample): ./workbook with Node's zlib and native UTF-8 check.
 */
import { isUtf8 } from "buffer";
import { inflateRawSync } from "zlib";
import type { ReadScorecard, SheetGrid } from "../../sheet";
import {
  readGrids,
  readWorkbook,
  readWorkbookScorecards,
  type ReadOptions,
  type WorkbookRead,
} from "./workbook";
import type { Inflater } from "./zip";

/** Node's zlib, bounded by the declared size: a part that lies about its size goes the streaming way. */
const nativeInflate: Inflater = (data, size) => {
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
    return out.length <= size ? out : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
    throw e;
  }
};

export const NODE_READ: Omit<ReadOptions, "sheets"> = { inflater: nativeInflate, utf8Check: isUtf8 };

/** The workbook as read, every sheet in full unless told otherwise. */
export const streamWorkbook = (data: Uint8Array, sheets: ReadOptions["sheets"] = "all"): WorkbookRead =>
  readWorkbook(data, { ...NODE_READ, sheets });

/**
 * Grids of every worksheet in tab order, from .xlsx bytes; anything unreadable throws a WorkbookFormatError
 * (problem "too-large" for a part that inflates beyond the limit, "damaged" with a WorkbookRefusal as its reason
 * for content that cannot be read one way only).
 */
export const streamGrids = (data: Uint8Array): SheetGrid[] =>
  readGrids(data, { ...NODE_READ, sheets: "all" });

/** Every sheet recognised as a scorecard, read from .xlsx bytes (other sheets only to their head). */
export const streamScorecards = (data: Uint8Array): ReadScorecard[] =>
  readWorkbookScorecards(data, NODE_READ);
