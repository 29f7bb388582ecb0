import { spawn, spawnSync } from "child_process";
import { existsSync } from "fs";
import { mkdir, mkdtemp, rm, writeFile } from "fs/promises";
import { tmpdir } from "os";
import { basename, delimiter, extname, join } from "path";
import { pathToFileURL } from "url";

const CANDIDATES = ["soffice", "libreoffice"];

/** The LibreOffice binary on PATH (or $SOFFICE), or null. */
export function findSoffice(): string | null {
  const fromEnv = process.env.SOFFICE;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (dir && existsSync(path)) return path;
    }
  }
  return null;
}

/** The LibreOffice binary; throws a clear error when it is missing (CI installs it, so a missing one is a failure). */
export function requireSoffice(): string {
  const soffice = findSoffice();
  if (!soffice)
    throw new Error(
      "LibreOffice is required for this test but `soffice` was not found on PATH. " +
        "Install it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui) or set $SOFFICE to its path.",
    );
  return soffice;
}

export function sofficeVersion(soffice: string): string {
  const out = spawnSync(soffice, ["--version"], { encoding: "utf8", timeout: 60_000 });
  return (out.stdout ?? "").trim();
}

/**
 * A user profile that makes Calc recalculate every formula on load (0 = always) for OOXML and ODF files, so the
 * converted files carry LibreOffice's own results rather than the cached ones they were written with.
 */
export const RECALC_ALWAYS_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export async function writeRecalcProfile(profileDir: string): Promise<void> {
  await mkdir(join(profileDir, "user"), { recursive: true });
  await writeFile(join(profileDir, "user", "registrymodifications.xcu"), RECALC_ALWAYS_XCU, "utf8");
}

export interface ConvertOptions {
  /** Target format for --convert-to, e.g. "xlsx" or "pdf". */
  readonly to: string;
  readonly outDir: string;
  /** Kill LibreOffice (its whole process group) after this long. */
  readonly timeoutMs?: number;
}

export interface ConvertResult {
  readonly outputs: readonly string[];
  readonly ms: number;
  readonly log: string;
}

/**
 * Converts all files in ONE LibreOffice start, with a fresh profile that forces recalculation. Rejects when
 * LibreOffice fails, times out (it is killed) or leaves an output missing. The profile is always removed.
 */
export async function convertWithLibreOffice(
  files: readonly string[],
  options: ConvertOptions,
): Promise<ConvertResult> {
  const soffice = requireSoffice();
  const profile = await mkdtemp(join(tmpdir(), "lo-profile-"));
  const started = Date.now();
  try {
    await writeRecalcProfile(profile);
    await mkdir(options.outDir, { recursive: true });
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--norestore",
      "--nologo",
      "--nolockcheck",
      "--convert-to",
      options.to,
      "--outdir",
      options.outDir,
      ...files,
    ];
    const log = await run(soffice, args, options.timeoutMs ?? 180_000);
    const outputs = files.map((f) =>
      join(options.outDir, `${basename(f, extname(f))}.${options.to.split(":")[0]}`),
    );
    const missing = outputs.filter((o) => !existsSync(o));
    if (missing.length > 0)
      throw new Error(`LibreOffice did not produce ${missing.length} file(s), e.g. ${missing[0]}\n${log}`);
    return { outputs, ms: Date.now() - started, log };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

function run(command: string, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout can end soffice and the soffice.bin it starts, and nothing else.
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    const kill = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`LibreOffice timed out after ${timeoutMs} ms and was killed\n${log}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not start LibreOffice (${command}): ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(log);
      else reject(new Error(`LibreOffice exited with ${code ?? signal}\n${log}`));
    });
  });
}

/** A fresh temp folder and its removal. */
export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
