import { createHash } from "crypto";
import { cliText } from "../i18n/cli";
import type { Lang } from "../i18n/types";
import { scorecardFacts, type ScorecardFacts } from "../rollup/model";
import type { ReadScorecard } from "../sheet";
import { readWorkbookBytes } from "../xlsx/fileBytes";
import { streamScorecards } from "../xlsx/stream/read";
import { fileReason } from "./io";

/** A read scorecard as it crosses from a worker thread: without the rubric and its layout (see rebuildRead). */
export type SentRead = Omit<ReadScorecard, "rubric" | "layout">;

/**
 * One scorecard of an input of `scorecard summary`: what the roll-up needs of it, how many errors its check
 * found (reported), and, when its copy may go into the roll-up workbook, the read itself.
 */
export interface SentScorecard {
  readonly facts: ScorecardFacts;
  readonly errors: number;
  readonly read?: SentRead;
}

/**
 * One input of `scorecard summary`: its scorecards, or why it could not be read (in the user's language); and
 * the SHA-256 of its bytes ("sha256:…"), null when none could be read.
 */
export type StationFile =
  | {
      readonly file: string;
      readonly hash: string;
      readonly scorecards: readonly SentScorecard[];
      readonly error?: undefined;
    }
  | { readonly file: string; readonly hash: string | null; readonly error: string };

const sha256 = (bytes: Uint8Array): string => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

/**
 * Reads one file with the streaming reader; never rejects (an unreadable file comes back with its reason).
 * `withReads`: send each read along with its facts (the roll-up may copy it), else the facts alone (a few
 * hundred bytes instead of tens of kilobytes each: the rubric and layout, two thirds of a read, never cross).
 */
export async function readStationFile(file: string, lang: Lang, withReads: boolean): Promise<StationFile> {
  let hash: string | null = null;
  try {
    const bytes = readWorkbookBytes(file);
    hash = sha256(bytes);
    const source = { file, hash };
    const scorecards = streamScorecards(bytes).map((read): SentScorecard => {
      const facts = scorecardFacts(read, source);
      const errors = read.findings.filter((f) => f.severity === "error").length;
      if (!withReads) return { facts, errors };
      const { sheet, meta, entries, entryRows, findings, scores } = read;
      return { facts, errors, read: { sheet, meta, entries, entryRows, findings, scores } };
    });
    return { file, hash, scorecards };
  } catch (e) {
    return { file, hash, error: fileReason(e, cliText(lang)) };
  }
}
