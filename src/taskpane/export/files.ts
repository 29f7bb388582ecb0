import { draftPath } from "../../export/names";
import type { ReadScorecard } from "../../sheet";

/** The formats the pane downloads itself; PDF is printed by Excel. */
export type DownloadFormat = "xlsx" | "csv";

export const MIME: Readonly<Record<DownloadFormat, string>> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv;charset=utf-8",
};

/** Marks the exported copy's file name, as the README's `scorecard export … -o 巴川街道-上报.xlsx`. */
const REPORT_MARK = "上报";

/** Characters Windows and macOS do not allow in file names, and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * The download's file name: `${station}${year}评分表-上报.xlsx` (or .csv), so that it never shadows the working
 * copy `${station}${year}评分表.xlsx`; a draft is `…评分表-草稿.xlsx` (draftPath, as `scorecard export --draft`),
 * since it is not for reporting. Characters no file system allows become "_".
 */
export function exportFileName(read: ReadScorecard, format: DownloadFormat, draft: boolean): string {
  const stem = `${read.meta.station}${read.meta.year}评分表`.replace(FORBIDDEN_IN_FILE_NAMES, "_");
  return draft ? draftPath(`${stem}.${format}`) : `${stem}-${REPORT_MARK}.${format}`;
}

/**
 * Offers a file as a download: an object URL on a temporary <a download>, clicked, then revoked a minute later
 * (the browser may still be reading it). Office on the Mac does not download from a task pane; the pane says so.
 */
export function saveFile(blob: Blob, name: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  link.hidden = true;
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The .xlsx bytes as a Blob of the right type. */
export const xlsxBlob = (bytes: Uint8Array): Blob => new Blob([bytes], { type: MIME.xlsx });

/**
 * CSV text (from toCsv: it already starts with the byte order mark U+FEFF) as a Blob; Blob encodes strings as
 * UTF-8, so the file starts with EF BB BF and Excel opens the Chinese text correctly.
 */
export const csvBlob = (text: string): Blob => new Blob([text], { type: MIME.csv });
