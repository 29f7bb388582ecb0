import { execFileSync } from "node:child_process";
import * as path from "node:path";

/**
 * Windows and macOS resolve paths case-insensitively, and webpack/TypeScript resolve imports without their
 * extension: two tracked files that differ only by case or extension (reviewScan.ts / ReviewScan.tsx) import
 * the wrong module there and break the build.
 */
function caseClashes(paths: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const key = p.toLowerCase().replace(/\.(tsx?|jsx?)$/, "");
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

describe("tracked paths", () => {
  it("finds names that differ only by case or extension", () => {
    expect(
      caseClashes(["src/a/reviewScan.ts", "src/a/ReviewScan.tsx", "src/a/review.ts", "src/b/reviewScan.ts"]),
    ).toEqual([["src/a/reviewScan.ts", "src/a/ReviewScan.tsx"]]);
    expect(caseClashes(["Docs/x.md", "docs/x.md"])).toEqual([["Docs/x.md", "docs/x.md"]]);
  });

  it("has no two paths that differ only by case", () => {
    const root = path.resolve(__dirname, "..");
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
      .split("\0")
      .filter(Boolean);
    expect(tracked.length).toBeGreaterThan(50);
    expect(caseClashes(tracked)).toEqual([]);
  });
});
