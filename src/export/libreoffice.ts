/*
 * LibreOffice headless: finding it, and converting files with a private profile that recalculates every formula.
 * Node only: not re-exported from ./index. The PDF export and the LibreOffice tests both go through here.
 */
import { spawn } from "child_process";
import { accessSync, constants, existsSync, statSync } from "fs";
import { mkdir, mkdtemp, rm, writeFile } from "fs/promises";
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

/** LibreOffice ran but produced no output: it failed, crashed or timed out. */
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

export interface ConvertOptions {
  /** Target format for --convert-to, e.g. "xlsx" or "pdf". */
  readonly to: string;
  readonly outDir: string;
  /** The LibreOffice binary; found with findSoffice() when omitted (SofficeMissingError when there is none). */
  readonly soffice?: string;
  /** Stop LibreOffice (its whole process group) after this long; 180 s by default. */
  readonly timeoutMs?: number;
}

export interface ConvertResult {
  readonly outputs: readonly string[];
  readonly ms: number;
  readonly log: string;
}

/**
 * Converts all files in ONE LibreOffice start (about 2 s each start), with a fresh profile that forces
 * recalculation. Rejects when LibreOffice fails, times out (it is killed) or leaves an output missing. The
 * profile is always removed.
 */
export async function convertWithLibreOffice(
  files: readonly string[],
  options: ConvertOptions,
): Promise<ConvertResult> {
  const soffice = options.soffice ?? findSoffice();
  if (!soffice) throw new SofficeMissingError();
  const profile = await mkdtemp(join(tmpdir(), "lo-profile-"));
  const started = Date.now();
  try {
    await writeRecalcProfile(profile);
    await mkdir(options.outDir, { recursive: true });
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
        options.to,
        "--outdir",
        options.outDir,
        ...files,
      ],
      options.timeoutMs ?? 180_000,
    );
    const outputs = files.map((f) =>
      join(options.outDir, `${basename(f, extname(f))}.${options.to.split(":")[0]}`),
    );
    const missing = outputs.filter((o) => !existsSync(o));
    if (missing.length > 0)
      throw new PdfConversionError(
        `LibreOffice did not produce ${missing.length} file(s), e.g. ${missing[0]}`,
        log,
      );
    return { outputs, ms: Date.now() - started, log };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
