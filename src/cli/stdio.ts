import { fstatSync, writeSync } from "fs";
import type { Io } from "./main";

/** Whether fd 1 is a regular file (`> report.json`): writes to it never block. (No tty check: `tty` loads `net`.) */
function stdoutIsFile(): boolean {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false;
  }
}

/** What a shell reports for a command ended by a closed pipe (128 + SIGPIPE), as `yes | head -1` gives `yes`. */
export const CLOSED_PIPE_EXIT = 128 + 13;

/**
 * Writes to process.stdout or process.stderr, made on first use (each loads modules: a command that never writes
 * there starts faster). A reader that closed its end (`scorecard check … | head -1`) wants nothing more: the
 * command ends at once, quietly, with the closed-pipe exit code. (Node ignores SIGPIPE, so the write fails with
 * EPIPE instead, which unhandled would end it with a stack trace.)
 */
function streamWriter(stream: () => NodeJS.WriteStream): (text: string) => void {
  let guarded: NodeJS.WriteStream | null = null;
  return (text) => {
    if (!guarded) {
      guarded = stream();
      guarded.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE") throw e;
        process.exit(CLOSED_PIPE_EXIT);
      });
    }
    guarded.write(text);
  };
}

/**
 * The command's lines to stdout and stderr. Into a file, each line goes in one fs.writeSync of the string, which
 * encodes it once on its way out; process.stdout would first copy it into a Buffer (a --json entry is ~28 KB, and
 * that copy doubled what writing it cost). Like process.stdout's own file stream, it writes synchronously.
 * Terminals, pipes and devices keep process.stdout, with its buffering for a reader that is slower than the command.
 */
export function processIo(): Io {
  const write = stdoutIsFile()
    ? (text: string) => void writeSync(1, text)
    : streamWriter(() => process.stdout);
  const writeErr = streamWriter(() => process.stderr);
  return {
    out: (line) => write(`${line}\n`),
    err: (line) => writeErr(`${line}\n`),
  };
}
