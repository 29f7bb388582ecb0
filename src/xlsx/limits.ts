/**
 * What reading one workbook may cost: one set of limits for every reader the product has (the streaming reader
 * behind check, summary and sample; the ExcelJS load behind export and the page; the adapters where they read
 * files). Each is far above what a scorecard workbook needs; a workbook past one is refused, and the refusal
 * names the limit and where it was passed (see ReadLimitError), in the user's language.
 *
 * Add a limit here, not beside the code that enforces it, so that every reader enforces the same figure.
 */
export const READ_LIMITS = {
  /** One part, inflated: counted as it inflates, the declared size never trusted. */
  partBytes: 50 * 1024 * 1024,
  /*
   * What an ExcelJS model (the page, export, sample) is built from, counted by the streaming reader before
   * ExcelJS is given the file: ExcelJS holds every cell as an object and every cell a merge covers, and needs
   * ~1 KB per cell while it loads (100,000 cells: 0.8 s and 200 MB in Node; a throttled page tab four times
   * slower). A scorecard is ~1,100 cells; check, which keeps grids sparse, has no such limit.
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
