/*
 * Figures for the core and the .xlsx path (issue: worksheet layout). Prints, asserts nothing.
 *   npx tsx bench/core.ts [--workbooks N]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { getRubric } from "../src/rubric";
import { buildPlan } from "../src/sheet";
import { newWorkbook, readScorecards, renderPlan, workbookBytes, loadWorkbook } from "../src/xlsx";
import { checkFile } from "../src/cli/commands/check";
import { openPackage } from "../src/xlsx/package";
import { NODE_CODEC } from "../src/xlsx/stream/nodeCodec";
import { randomFills } from "../test/support/fills";

const rubric = getRubric();
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number): string => `${x.toFixed(2)} ms`;

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await fn();
  return [performance.now() - t0, result];
}

/**
 * What the package gate (src/xlsx/package.ts: every entry inflated, sizes and CRC-32 checked, a stored copy for
 * ExcelJS) costs: alone (median of 50, apart from ExcelJS, whose garbage would land in it), then loadWorkbook
 * beside a bare ExcelJS load of the same bytes (alternated after two warm-up rounds, medians of 15). JSZip copies
 * the gate's stored parts instead of inflating them, so the load can come out ahead.
 */
async function gateFigures(count: number, bytes: Uint8Array): Promise<void> {
  const gate = async (run: () => unknown): Promise<number> => {
    const times: number[] = [];
    for (let i = -5; i < 50; i++) {
      const [t] = await time(run);
      if (i >= 0) times.push(t);
    }
    return median(times);
  };
  const page = await gate(() => openPackage(bytes).storedCopy());
  const node = await gate(() => openPackage(bytes, NODE_CODEC).storedCopy());
  const load: number[] = [];
  const bare: number[] = [];
  for (let round = -2; round < 15; round++) {
    const [l] = await time(() => loadWorkbook(bytes));
    const [b] = await time(() => new ExcelJS.Workbook().xlsx.load(bytes as Buffer));
    if (round >= 0) [load, bare].forEach((r, i) => r.push([l, b][i]));
  }
  console.log(
    `  package gate, ${count} scorecard(s): ${ms(page)} as the page runs it (fflate, CRC-32 in JS), ` +
      `${ms(node)} with Node's zlib; loadWorkbook (gate + ExcelJS) ${ms(median(load))} ` +
      `beside a bare ExcelJS load ${ms(median(bare))}`,
  );
}

async function main(): Promise<void> {
  const fills = randomFills(rubric, 100, 1);

  const planTimes: number[] = [];
  for (const f of fills.slice(0, 50)) planTimes.push((await time(() => buildPlan({ rubric, ...f })))[0]);
  console.log(`build the plan (median of 50): ${ms(median(planTimes))}`);

  for (const count of [1, 17, 100]) {
    const workbook = newWorkbook();
    fills
      .slice(0, count)
      .forEach((f, i) => renderPlan(workbook, buildPlan({ rubric, ...f, station: `${f.station}${i}` })));
    const bytes = await workbookBytes(workbook);
    const [t, reads] = await time(async () => readScorecards(await loadWorkbook(bytes)));
    console.log(
      `read ${count} scorecard(s) in one workbook through ExcelJS: ${ms(t)} (${reads.length} read, ${(bytes.length / 1024).toFixed(0)} KB)`,
    );
    if (count <= 17) await gateFigures(count, bytes);
  }

  // A ratio needs no thousand files here: bench/scale.ts reads 1,000 (and 5,000) beside the floor.
  const n = arg("--workbooks", 200);
  const dir = mkdtempSync(join(tmpdir(), "scorecard-bench-"));
  try {
    const distinct = await Promise.all(
      fills.slice(0, 50).map(async (f) => {
        const wb = newWorkbook();
        renderPlan(wb, buildPlan({ rubric, ...f }));
        return workbookBytes(wb);
      }),
    );
    const files = Array.from({ length: n }, (_, i) => {
      const file = join(dir, `${i}.xlsx`);
      writeFileSync(file, distinct[i % distinct.length]);
      return file;
    });
    // Warm both paths once so neither pays for module loading.
    await new ExcelJS.Workbook().xlsx.load(readFileSync(files[0]));
    await checkFile(files[0], "zh");
    const [bare] = await time(async () => {
      for (const file of files) await new ExcelJS.Workbook().xlsx.load(readFileSync(file));
    });
    const [check] = await time(async () => {
      for (const file of files) await checkFile(file, "zh");
    });
    console.log(`bare ExcelJS read of ${n} workbooks: ${(bare / 1000).toFixed(1)} s`);
    console.log(`scorecard check of the same ${n} workbooks: ${(check / 1000).toFixed(1)} s`);
    console.log(`check / bare read ratio: ${(check / bare).toFixed(2)}× (target ≤ 1.20×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
