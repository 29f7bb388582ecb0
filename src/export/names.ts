import { DRAFT_MARK } from "../sheet";

export const EXPORT_FORMATS = ["xlsx", "csv", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Splits a path into folder (with its trailing separator), file stem and extension (with its dot). */
function splitPath(path: string): { dir: string; stem: string; ext: string } {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf(".");
  // As path.extname: a leading dot starts a hidden file's name, not an extension.
  return dot > 0 ? { dir, stem: base.slice(0, dot), ext: base.slice(dot) } : { dir, stem: base, ext: "" };
}

/** The export format named by the output file's extension (case-insensitive), or null for anything else. */
export function exportFormatOf(path: string): ExportFormat | null {
  const ext = splitPath(path).ext.slice(1).toLowerCase();
  return (EXPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ExportFormat) : null;
}

/**
 * The file name of a draft: unchanged when the file name already contains 草稿, else "-草稿" inserted before
 * the extension (评分表.xlsx → 评分表-草稿.xlsx). Only the file name is looked at, never the folders.
 */
export function draftPath(path: string): string {
  const { dir, stem, ext } = splitPath(path);
  return stem.includes(DRAFT_MARK) ? path : `${dir}${stem}-${DRAFT_MARK}${ext}`;
}
