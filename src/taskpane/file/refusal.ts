import { workbookRefusal } from "../../i18n/cliRead";
import type { Lang } from "../../i18n/types";
import { WorkbookFormatError } from "../../xlsx/format";

/**
 * A file the page would not open, with why in each language (the same sentences as the command line's). Made in
 * the lazily loaded xlsx chunk, so that the refusals' texts are not part of the pane's first bundle; the pane
 * (shared/errors.ts) reads it by name and shape.
 */
export class FileRefusedError extends Error {
  constructor(
    readonly reasons: Readonly<Record<Lang, string>>,
    /** Past a read limit (rather than damaged or not an .xlsx at all). */
    readonly overLimit: boolean,
    /** A parser's own (English) words, for the 详细信息 disclosure, when a library refused the file. */
    readonly detail: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "FileRefusedError";
  }
}

/** Refused by a library (JSZip, ExcelJS) rather than by the readers' own checks, whose sentence says it all. */
const libraryRefused = (error: WorkbookFormatError): error is WorkbookFormatError & { reason: Error } =>
  error.problem === "damaged" &&
  (error.damage === undefined || error.damage === "model-failed") &&
  error.reason instanceof Error;

/** A WorkbookFormatError as the pane's refusal; any other error as it is. */
export const refusal = (error: unknown): unknown =>
  error instanceof WorkbookFormatError
    ? new FileRefusedError(
        { zh: workbookRefusal(error, "zh"), en: workbookRefusal(error, "en") },
        error.problem === "too-large",
        libraryRefused(error) ? error.reason.message : undefined,
        error.message,
      )
    : error;
