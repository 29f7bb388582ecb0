/** A problem the user can fix (bad arguments, unreadable file): printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The command ran but what it found means failure (invalid entries, refused export): exit code 1. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0];
