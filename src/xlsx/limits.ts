/**
 * What reading one workbook may cost: one set of limits for every reader the product has (the streaming reader
 * behind check, summary and sample; the ExcelJS load behind export and the page; the adapters where they read
 * files). Each is far above what a scorecard workbook needs; a workbook past one is refused, and the refusal
 * names the limit and where it was passed (WorkbookFormatError's `limit` and `part`), in the user's language.
 *
 * Add a limit here, not beside the code that enforces it, so that every reader enforces the same figure.
 */
export const READ_LIMITS = {
  /** The file itself, before anything is read from it (a 17-station workbook is about 0.2 MB). */
  fileBytes: 100 * 1024 * 1024,
  /** One part, inflated: counted as it inflates, the declared size never trusted. */
  partBytes: 50 * 1024 * 1024,
  /**
   * All parts together, inflated (a 17-station workbook: 1.8 MB). The page and export hold a copy of each for
   * ExcelJS, which keeps media once more: 100 MB keeps that under 300 MB.
   */
  packageBytes: 100 * 1024 * 1024,
  /** Entries in the zip's directory (a roll-up of 1,000 stations has about 1,020). */
  entries: 10_000,
  /**
   * Images and other media (xl/media/…): ExcelJS takes a few milliseconds over each however small, so thousands
   * would hold the page for tens of seconds.
   */
  mediaParts: 500,
} as const;

export type ReadLimit = keyof typeof READ_LIMITS;
