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
} as const;

export type ReadLimit = keyof typeof READ_LIMITS;
