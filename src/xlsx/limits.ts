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
  /*
   * What an ExcelJS model (the page, export, sample) is built from, counted by the streaming reader before
   * ExcelJS is given the file: ExcelJS holds every cell as an object and every cell a merge covers, and needs
   * ~1 KB per cell while it loads (100,000 cells: 0.8 s and 200 MB in Node; a throttled page tab four times
   * slower). A scorecard is ~1,100 cells; check keeps grids sparse and has its own limit (checkCells).
   */
  /** Cells (<c> elements) of all sheets. */
  modelCells: 200_000,
  /** Cells that merges cover, all sheets together. */
  modelMergedCells: 200_000,
  /**
   * Cells check and summary keep of a workbook (its scorecard sheets in full, the head of every other sheet):
   * ~60 bytes a cell at worst (one cell a row), so a workbook stays well under 300 MB; a district's workbook of
   * 1,000 scorecards keeps 1.1 million.
   */
  checkCells: 1_500_000,
} as const;

export type ReadLimit = keyof typeof READ_LIMITS;
