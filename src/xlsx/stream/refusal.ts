/*
 * Why the readers refuse a workbook whose content (not its zip container) is damaged or past Excel's own limits:
 * one file must mean one thing to every reader, so what readers would read differently is refused, naming the
 * reason and where. The readers throw it inside a WorkbookFormatError of problem "damaged" (its `reason`), and
 * the CLI and the pane say it in the user's language (src/i18n/refusals.ts).
 */

/** XML that is not well-formed, by what is wrong with it (see ./xml). */
export type XmlProblem =
  | "encoding"
  | "forbidden-char"
  | "bad-reference"
  | "namespace"
  | "malformed-tag"
  | "mismatched-tag"
  | "duplicate-attribute"
  | "unsupported-markup"
  | "structure";

export type RefusalKind =
  /** A part is not well-formed XML (`xml` says how). */
  | "malformed-xml"
  /** A part's root is not what its relationship says (e.g. workbook.xml not in SpreadsheetML's namespace). */
  | "not-spreadsheetml"
  /** A relationship names a part the package does not hold. */
  | "missing-part"
  /** Two sheets of workbook.xml share one worksheet part. */
  | "shared-part"
  /** The same cell is written twice (`cell`), or the same row (`row`). */
  | "cell-twice"
  | "row-twice"
  /** A cell whose reference names another row than the row it is written in. */
  | "misplaced-cell"
  /** A cell's t attribute is none of ECMA-376's types. */
  | "unknown-cell-type"
  /** A cell's value cannot be what its type says (a number that is none, a boolean that is none, a bad date). */
  | "bad-value"
  /** A text cell names a shared string the workbook does not hold. */
  | "shared-string"
  /** A cell or row past Excel's XFD1048576 (16,384 columns, 1,048,576 rows). */
  | "beyond-sheet"
  /** Two merged ranges overlap. */
  | "merges-overlap"
  /**
   * Past what an ExcelJS model (the page, export, sample) may hold (READ_LIMITS.modelCells, modelMergedCells):
   * `value` names the limit ("cells" or "merged"), `count` and `limit` the figures. check still reads the file.
   */
  | "model-limit"
  /** ExcelJS could not build its model even of the lean package (the page, export and sample cannot open it). */
  | "model-failed"
  /** Past the cells check keeps of a workbook (READ_LIMITS.checkCells; `limit`), in `sheet`. */
  | "cell-limit";

export interface RefusalWhere {
  /** The part, as the package names it. */
  readonly part?: string;
  /** The sheet's name in workbook.xml. */
  readonly sheet?: string;
  readonly cell?: string;
  readonly row?: number;
  /** What was found: the type, value, index, range or second sheet, as written. */
  readonly value?: string;
  readonly xml?: XmlProblem;
  readonly count?: number;
  readonly limit?: number;
}

export class WorkbookRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly where: RefusalWhere,
    /** The technical detail, in English (logs and the pane's 详细信息). */
    detail: string,
  ) {
    super(detail);
    this.name = "WorkbookRefusal";
  }
}
