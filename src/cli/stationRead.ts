import { cliText } from "../i18n/cli";
import type { Lang } from "../i18n/types";
import type { ReadScorecard } from "../sheet";
import { readWorkbookBytes } from "../xlsx/fileBytes";
import { streamScorecards } from "../xlsx/stream/read";
import { fileReason } from "./io";

/**
 * A scorecard as it crosses from a summary worker to the main thread: without the rubric and its layout, which
 * are two thirds of the structured clone and follow from the edition (getRubric, layoutFor).
 */
export type SentScorecard = Omit<ReadScorecard, "rubric" | "layout">;

/** One input of `scorecard summary`: its scorecards, or why it could not be read (in the user's language). */
export type StationFile =
  | { readonly file: string; readonly scorecards: readonly SentScorecard[]; readonly error?: undefined }
  | { readonly file: string; readonly error: string };

/** Reads one file with the streaming reader; never rejects (an unreadable file comes back with its reason). */
export async function readStationFile(file: string, lang: Lang): Promise<StationFile> {
  try {
    const reads = streamScorecards(readWorkbookBytes(file));
    return {
      file,
      scorecards: reads.map(({ sheet, meta, entries, entryRows, findings, scores }) => ({
        sheet,
        meta,
        entries,
        entryRows,
        findings,
        scores,
      })),
    };
  } catch (e) {
    return { file, error: fileReason(e, cliText(lang)) };
  }
}
