/*
 * PDF export through LibreOffice. Node only: not re-exported from ./index.
 */
import { copyFile, mkdtemp, rename, rm } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import { convertWithLibreOffice } from "./libreoffice";

export {
  SofficeMissingError,
  PdfConversionError,
  findSoffice,
  SOFFICE_FALLBACKS,
  type SofficeLookup,
} from "./libreoffice";

/** Moves a file, copying when source and target are on different file systems. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}

export interface PdfOptions {
  /** The LibreOffice binary; found with findSoffice() when omitted (SofficeMissingError when there is none). */
  readonly soffice?: string;
  /** Stop LibreOffice after this long; 180 s by default. */
  readonly timeoutMs?: number;
}

/**
 * Converts an .xlsx file to PDF with `soffice --headless --convert-to pdf`, in a fresh private profile that
 * recalculates every formula on load. LibreOffice writes into a temporary folder; the PDF is then moved to
 * `outPdf` (replacing a file there: callers decide about overwriting). The temporary folder is always removed.
 */
export async function pdfFromXlsx(xlsxPath: string, outPdf: string, options: PdfOptions = {}): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "scorecard-pdf-"));
  try {
    const { outputs } = await convertWithLibreOffice([xlsxPath], { to: "pdf", outDir: work, ...options });
    await move(outputs[0], outPdf);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
