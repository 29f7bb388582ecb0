import { spawnSync } from "child_process";
import { mkdtemp, rm } from "fs/promises";
import { tmpdir } from "os";
import { join } from "path";
import {
  findSoffice,
  convertWithLibreOffice as convert,
  type ConvertOptions,
  type ConvertResult,
} from "../../src/export/libreoffice";

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

/** Converts in one LibreOffice start; a missing LibreOffice fails the test with an install hint. */
export function convertWithLibreOffice(
  files: readonly string[],
  options: ConvertOptions,
): Promise<ConvertResult> {
  return convert(files, { ...options, soffice: requireSoffice() });
}

export function sofficeVersion(soffice: string): string {
  const out = spawnSync(soffice, ["--version"], { encoding: "utf8", timeout: 60_000 });
  return (out.stdout ?? "").trim();
}

/** A fresh temp folder and its removal. */
export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
