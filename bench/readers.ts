/*
 * The readers of issue 21, measured (prints, asserts nothing):
 * 1. The hand-written XML tokenizer against saxes (the namespace-aware parser ExcelJS ships), on the sheet part of
 *    a filled scorecard: tokenizing alone with no-op handlers (names read by namespace in both), and the whole
 *    streaming read of the workbook beside it. The decision in the README rests on these figures.
 * 2. The page's open path in headless Chromium, the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate): the
 *    streaming reader alone (what loadWorkbook runs before ExcelJS, so that both refuse the same files) against
 *    the whole loadWorkbook, on a district workbook of 17 filled scorecards.
 *   npx tsx bench/readers.ts            BENCH_READERS_ROUNDS=N changes the rounds (default 7, median printed)
 */
import { build } from "esbuild";
import { unzipSync } from "fflate";
import { chromium } from "playwright-core";
import { SaxesParser } from "saxes";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import { SPREADSHEET_PART } from "../src/xlsx/stream/namespaces";
import { streamGrids } from "../src/xlsx/stream/read";
import { Package } from "../src/xlsx/stream/package";
import { readSheet } from "../src/xlsx/stream/sheet";
import { XmlScanner } from "../src/xlsx/stream/xml";
import { ZipReader } from "../src/xlsx/stream/zip";
import { randomFills } from "../test/support/fills";
import { CHROMIUM, ROOT, chromiumAvailable } from "./paneBuild";

const ROUNDS = Math.max(1, Number(process.env.BENCH_READERS_ROUNDS) || 7);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median milliseconds of `times` calls of `f`, after one unmeasured call. */
function timed(times: number, f: () => void): number {
  f();
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < times; i++) f();
    rounds.push((performance.now() - t0) / times);
  }
  return median(rounds);
}

async function workbookOf(count: number): Promise<Uint8Array> {
  const rubric = getRubric();
  const workbook = newWorkbook();
  randomFills(rubric, count, 3).forEach((f, i) =>
    renderPlan(workbook, buildPlan({ rubric, ...f, station: `${f.station}${i}` })),
  );
  return workbookBytes(workbook);
}

async function tokenizers(): Promise<void> {
  const one = await workbookOf(1);
  const sheet = unzipSync(one)["xl/worksheets/sheet1.xml"];
  const text0 = new TextDecoder().decode(sheet);
  const text = text0;
  const ours = timed(50, () => {
    const scanner = new XmlScanner({ open: () => undefined }, { vocabulary: SPREADSHEET_PART });
    scanner.write(sheet);
    scanner.close();
  });
  const saxes = (xmlns: boolean) =>
    timed(20, () => {
      const parser = new SaxesParser({ xmlns });
      parser.on("opentag", () => undefined);
      parser.on("text", () => undefined);
      parser.write(text).close();
    });
  // The least a reader built on saxes must do: each cell's r, s, t, formula and value into sparse rows.
  const saxesCells = timed(20, () => {
    const parser = new SaxesParser({ xmlns: true });
    const values: (string | undefined)[][] = [];
    const formulas: (string | undefined)[][] = [];
    let cell: { row: number; col: number; t?: string } | null = null;
    let target: "f" | "v" | null = null;
    let text = "";
    parser.on("opentag", (tag) => {
      if (tag.local === "c") {
        const r = String(tag.attributes.r?.value ?? "");
        const letters = /^[A-Z]+/.exec(r)?.[0] ?? "A";
        const col = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        cell = { row: Number(r.slice(letters.length)), col, t: tag.attributes.t?.value };
      } else if (cell && (tag.local === "f" || tag.local === "v")) {
        target = tag.local;
        text = "";
      }
    });
    parser.on("text", (t) => {
      if (target) text += t;
    });
    parser.on("closetag", (tag) => {
      if (cell && target && tag.local === target) {
        ((target === "f" ? formulas : values)[cell.row - 1] ??= [])[cell.col - 1] = text;
        target = null;
      } else if (tag.local === "c") cell = null;
    });
    parser.write(text0).close();
  });
  const whole = timed(50, () => streamGrids(one));
  const pkg = new Package(new ZipReader(one));
  const ctx = { strings: Array<string>(10_000).fill("x"), dates: [], date1904: false };
  const sheetRead = timed(50, () => readSheet(pkg, "xl/worksheets/sheet1.xml", "s", ctx, "all"));
  console.log(
    `\nXML of one filled scorecard sheet (${(sheet.length / 1024).toFixed(0)} KB), median of ${ROUNDS}:`,
  );
  console.log(`  hand-written tokenizer, by namespace     ${ours.toFixed(2)} ms`);
  console.log(
    `  saxes, xmlns: true                        ${saxes(true).toFixed(2)} ms  (${(saxes(true) / ours).toFixed(1)}×)`,
  );
  console.log(
    `  saxes, xmlns: false                       ${saxes(false).toFixed(2)} ms  (${(saxes(false) / ours).toFixed(1)}×)`,
  );
  console.log(`  the streaming read of the sheet (cells)    ${sheetRead.toFixed(2)} ms`);
  console.log(
    `  saxes reading its cells (r s t f v only)  ${saxesCells.toFixed(2)} ms  (${(saxesCells / sheetRead).toFixed(1)}× the streaming read)`,
  );
  console.log(`  the whole streaming read of the workbook  ${whole.toFixed(2)} ms`);
}

async function pageOpen(): Promise<void> {
  if (!chromiumAvailable()) {
    console.log("\nthe page's open path: skipped (no Chromium)");
    return;
  }
  const bytes = await workbookOf(17);
  const { outputFiles } = await build({
    absWorkingDir: ROOT,
    stdin: {
      contents:
        'import { readWorkbook } from "./src/xlsx/stream/workbook";\nimport { loadWorkbook } from "./src/xlsx/workbook";\n' +
        "Object.assign(window, { readWorkbook, loadWorkbook });\n",
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    platform: "browser",
    format: "iife",
    write: false,
    logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM.executablePath, args: CHROMIUM.args });
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><title>readers</title>");
    await page.addScriptTag({ content: outputFiles[0].text });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    // As a string: tsx would name the function's inner closures with a helper the page does not have.
    const script = `(async () => {
      const input = Uint8Array.from(${JSON.stringify([...bytes])});
      const read = [], load = [];
      for (let r = 0; r < ${ROUNDS}; r++) {
        let t0 = performance.now();
        window.readWorkbook(input, { sheets: "all" });
        read.push(performance.now() - t0);
        t0 = performance.now();
        await window.loadWorkbook(input);
        load.push(performance.now() - t0);
      }
      const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      return { read: mid(read), load: mid(load) };
    })()`;
    const result = (await page.evaluate(script)) as { read: number; load: number };
    console.log(
      `\nThe page's open path, 17 filled scorecards (${(bytes.length / 1024).toFixed(0)} KB), Chromium, CPU 4× slower:`,
    );
    console.log(`  the streaming reader (refusals, grids)    ${result.read.toFixed(0)} ms`);
    console.log(
      `  loadWorkbook (it, ExcelJS, reconciling)   ${result.load.toFixed(0)} ms  (the reader ${((result.read / result.load) * 100).toFixed(0)}% of it)`,
    );
  } finally {
    await browser.close();
  }
}

void (async () => {
  await tokenizers();
  await pageOpen();
})();
