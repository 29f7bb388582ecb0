/*
 * Why the readers refuse a workbook whose content (not its zip container, ./zip) is damaged: one file must mean
 * one thing to every reader, so what readers would read differently is refused, naming the damage and where. It
 * is a WorkbookFormatError of problem "damaged" like the zip's damage, said in the user's language by
 * src/i18n/cliRead.ts (the command line and the pane alike).
 */
import { formatError, type WorkbookFormatError, type WorkbookWhere } from "../format";

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

export type ContentDamage =
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
   * ExcelJS could not build its model even of the lean package (the page, export and sample cannot open it;
   * check still reads the file). Its own words are the error's reason.
   */
  | "model-failed";

/** The content refusal: `detail` says it in English for logs (the pane's 详细信息 shows a library's words only). */
export const refused = (damage: ContentDamage, where: WorkbookWhere, detail: string): WorkbookFormatError =>
  formatError("damaged", detail, { ...where, damage });
