/*
 * PDF export through LibreOffice. Node only: not re-exported from ./index.
 */
import { spawn } from "child_process";
import { accessSync, constants, statSync } from "fs";
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { basename, delimiter, extname, join } from "path";
import { pathToFileURL } from "url";

/** LibreOffice's binary is not installed (or not where we look). */
export class SofficeMissingError extends Error {
  constructor() {
    super("LibreOffice (soffice) was not found");
    this.name = "SofficeMissingError";
  }
}

/** LibreOffice ran but produced no PDF: it failed, crashed or timed out. */
export class PdfConversionError extends Error {
  constructor(
    message: string,
    /** What LibreOffice printed. */
    readonly log: string,
  ) {
    super(message);
    this.name = "PdfConversionError";
  }
}

/** Where LibreOffice lives when it is not on PATH: Debian/Ubuntu, the LibreOffice packages, macOS, Windows. */
export const SOFFICE_FALLBACKS: readonly string[] = [
  "/usr/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/usr/local/bin/soffice",
  "/opt/libreoffice/program/soffice",
  "/snap/bin/libreoffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
];

export interface SofficeLookup {
  /** Environment to read PATH and SOFFICE (an explicit path) from; process.env by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  /** Places tried after PATH; SOFFICE_FALLBACKS by default. */
  readonly fallbacks?: readonly string[];
  /** Whether a path is an executable file; the file system by default. */
  readonly isExecutable?: (path: string) => boolean;
}

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === "win32" ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The LibreOffice binary: $SOFFICE, then soffice or libreoffice on PATH, then the usual install places; or null. */
export function findSoffice(lookup: SofficeLookup = {}): string | null {
  const env = lookup.env ?? process.env;
  const isExecutable = lookup.isExecutable ?? executable;
  const windows = (lookup.platform ?? process.platform) === "win32";
  const explicit = env.SOFFICE;
  if (explicit && isExecutable(explicit)) return explicit;
  const names = windows ? ["soffice.exe", "soffice.com"] : ["soffice", "libreoffice"];
  const dirs = (env.PATH ?? env.Path ?? "").split(windows ? ";" : delimiter).filter(Boolean);
  for (const dir of dirs)
    for (const name of names) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  return (lookup.fallbacks ?? SOFFICE_FALLBACKS).find(isExecutable) ?? null;
}

/**
 * A user profile that makes Calc recalculate every formula on load (0 = always) for OOXML and ODF files, so
 * the PDF shows LibreOffice's own results rather than whatever results the file was saved with.
 */
export const RECALC_ALWAYS_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Writes the recalculating profile into a fresh -env:UserInstallation folder. */
export async function writeRecalcProfile(profileDir: string): Promise<void> {
  await mkdir(join(profileDir, "user"), { recursive: true });
  await writeFile(join(profileDir, "user", "registrymodifications.xcu"), RECALC_ALWAYS_XCU, "utf8");
}

/** Runs LibreOffice in its own process group, so a timeout ends soffice and the soffice.bin it starts. */
function runSoffice(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined)
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      reject(new PdfConversionError(`LibreOffice timed out after ${timeoutMs} ms and was stopped`, log));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new PdfConversionError(`could not start LibreOffice (${command}): ${error.message}`, log));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(log);
      else reject(new PdfConversionError(`LibreOffice exited with ${code ?? signal}`, log));
    });
  });
}

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
  const soffice = options.soffice ?? findSoffice();
  if (!soffice) throw new SofficeMissingError();
  const work = await mkdtemp(join(tmpdir(), "scorecard-pdf-"));
  try {
    const profile = join(work, "profile");
    const outDir = join(work, "out");
    await writeRecalcProfile(profile);
    await mkdir(outDir);
    const log = await runSoffice(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "pdf",
        "--outdir",
        outDir,
        xlsxPath,
      ],
      options.timeoutMs ?? 180_000,
    );
    const produced = join(outDir, `${basename(xlsxPath, extname(xlsxPath))}.pdf`);
    try {
      statSync(produced);
    } catch {
      throw new PdfConversionError("LibreOffice produced no PDF", log);
    }
    await move(produced, outPdf);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
