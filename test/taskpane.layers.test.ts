import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * The pane's modules in three layers, arrows running one way: the composition root (root/: main, App, Pane, the
 * tabs and their lazy panels) imports the features (fill, problems, …), and every one of them the shared ground
 * (shared/: session, errors, messages, CellList, i18n, clock…). Shared code that imported a feature or the root, a
 * feature that imported the root or another feature, would tie them in a knot again.
 */
const PANE = path.resolve(__dirname, "../src/taskpane");

type Layer = { kind: "root" } | { kind: "shared" } | { kind: "feature"; name: string } | { kind: "entry" };

/** The layer of a module, by its folder under src/taskpane (index.tsx and legacy.ts are the ES5 entry). */
function layerOf(relative: string): Layer {
  const [top, rest] = relative.split("/", 2);
  if (rest === undefined) return { kind: "entry" };
  if (top === "root") return { kind: "root" };
  if (top === "shared") return { kind: "shared" };
  return { kind: "feature", name: top };
}

/** Why an import from one module to another runs the wrong way, or null when it may. */
function wrongWay(from: string, to: string): string | null {
  const a = layerOf(from);
  const b = layerOf(to);
  if (a.kind === "shared" && b.kind !== "shared") return "shared code imports a feature or the root";
  if (a.kind === "feature" && b.kind === "root") return "a feature imports the root";
  if (a.kind === "feature" && b.kind === "feature" && a.name !== b.name)
    return "a feature imports another feature";
  return null;
}

/** Every module specifier a file names: static imports and re-exports, type-only ones, and import(). */
function specifiersOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourcesUnder(path.join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** The pane-internal import arrows that run the wrong way, as "from → to: why". */
function wrongArrows(): string[] {
  const found: string[] = [];
  for (const file of sourcesUnder(PANE)) {
    const from = path.relative(PANE, file).split(path.sep).join("/");
    for (const spec of specifiersOf(file)) {
      if (!spec.startsWith(".")) continue;
      const target = path
        .relative(PANE, path.resolve(path.dirname(file), spec))
        .split(path.sep)
        .join("/");
      if (target.startsWith("..")) continue; // the core (src/sheet, src/scoring…) sits below every layer
      const why = wrongWay(from, target);
      if (why) found.push(`${from} → ${target}: ${why}`);
    }
  }
  return found;
}

const SRC = path.resolve(__dirname, "../src");
/** What other code may import of the pane: its entry (index.tsx, legacy.ts) and the root's start (root/main). */
const PANE_DOORS = ["index", "legacy", "root/main"];

/** Imports into the pane from the rest of src/ (the WPS build's entry, say) that go past its doors. */
function sideDoors(): string[] {
  const found: string[] = [];
  for (const file of sourcesUnder(SRC)) {
    if (!path.relative(PANE, file).startsWith("..")) continue;
    for (const spec of specifiersOf(file)) {
      if (!spec.startsWith(".")) continue;
      const target = path
        .relative(PANE, path.resolve(path.dirname(file), spec))
        .split(path.sep)
        .join("/");
      if (target.startsWith("..")) continue;
      if (!PANE_DOORS.includes(target.replace(/\.tsx?$/, "")))
        found.push(`${path.relative(SRC, file).split(path.sep).join("/")} → taskpane/${target}`);
    }
  }
  return found;
}

describe("the pane's layers", () => {
  it("tells the arrows that run the wrong way", () => {
    expect(wrongWay("shared/session.ts", "fill/FormView")).toMatch(/shared/);
    expect(wrongWay("shared/errors.ts", "root/Pane")).toMatch(/shared/);
    expect(wrongWay("fill/FormView.tsx", "root/panels")).toMatch(/root/);
    expect(wrongWay("fill/FormView.tsx", "problems/problems")).toMatch(/another feature/);
    expect(wrongWay("root/Pane.tsx", "fill/FormView")).toBeNull();
    expect(wrongWay("fill/FormView.tsx", "fill/FormItems")).toBeNull();
    expect(wrongWay("fill/FormView.tsx", "shared/i18n")).toBeNull();
    expect(wrongWay("index.tsx", "root/main")).toBeNull();
  });

  it("reads type-only imports and import() as arrows too", () => {
    const names = ts
      .preProcessFile(
        'import type { A } from "./a";\nexport * from "./b";\nconst c = import("./c");',
        true,
        true,
      )
      .importedFiles.map((f) => f.fileName);
    expect(names).toEqual(["./a", "./b", "./c"]);
  });

  it("has shared code below the features and the root above them", () => {
    const sources = sourcesUnder(PANE);
    expect(sources.some((f) => f.includes(`${path.sep}shared${path.sep}`))).toBe(true);
    expect(sources.some((f) => f.includes(`${path.sep}root${path.sep}`))).toBe(true);
    expect(wrongArrows()).toEqual([]);
  });

  it("is entered from the rest of src/ only through its entry and the root's start", () => {
    const wpsEntry = readFileSync(path.join(SRC, "wps/entry.ts"), "utf8");
    expect(wpsEntry).toContain('"../taskpane/root/main"');
    expect(sideDoors()).toEqual([]);
  });
});
