import { fstatSync, writeSync } from "fs";
import { isatty } from "tty";
import type { Io } from "./main";

/** Whether fd 1 is a file or a device that is not a terminal (`> report.json`, /dev/null): writes to it never block. */
function stdoutIsFile(): boolean {
  try {
    const s = fstatSync(1);
    return s.isFile() || (s.isCharacterDevice() && !isatty(1));
  } catch {
    return false;
  }
}

/**
 * The command's lines to stdout and stderr. Into a file, each line goes in one fs.writeSync of the string, which
 * encodes it once on its way out; process.stdout would first copy it into a Buffer (a --json entry is ~28 KB, and
 * that copy doubled what writing it cost). Like process.stdout's own file stream, it writes synchronously.
 * Terminals and pipes keep process.stdout, with its buffering for a reader that is slower than the command.
 */
export function processIo(): Io {
  const toFile = stdoutIsFile();
  return {
    out: toFile ? (line) => void writeSync(1, `${line}\n`) : (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  };
}
