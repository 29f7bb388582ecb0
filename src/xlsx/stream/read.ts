/*
 * The streaming reader in Node (check, summary, sample): ./workbook with Node's zlib and native UTF-8 check.
 */
import { isUtf8 } from "buffer";
import type { ReadScorecard, SheetGrid } from "../../sheet";
import { NODE_CODEC } from "./nodeCodec";
import {
  readGrids,
  readWorkbook,
  readWorkbookScorecards,
  type ReadOptions,
  type WorkbookRead,
} from "./workbook";

export const NODE_READ: Omit<ReadOptions, "sheets"> = { codec: NODE_CODEC, utf8Check: isUtf8 };

/** The workbook as read, every sheet in full unless told otherwise. */
export const streamWorkbook = (data: Uint8Array, sheets: ReadOptions["sheets"] = "all"): WorkbookRead =>
  readWorkbook(data, { ...NODE_READ, sheets });

/**
 * Grids of every worksheet in tab order, from .xlsx bytes; anything unreadable throws a WorkbookFormatError
 * naming the limit passed ("too-large") or the damage ("damaged") and where.
 */
export const streamGrids = (data: Uint8Array): SheetGrid[] =>
  readGrids(data, { ...NODE_READ, sheets: "all" });

/** Every sheet recognised as a scorecard, read from .xlsx bytes (other sheets only to their head). */
export const streamScorecards = (data: Uint8Array): ReadScorecard[] =>
  readWorkbookScorecards(data, NODE_READ);
