/*
 * Station files for bench/scale.ts, of three kinds, as a city receives them (issue 24):
 *   generated             written by this product (renderPlan + workbookBytes, as `scorecard new` and the pane
 *                         write), 20 filled templates copied with their station renamed;
 *   ExcelJS re-saved      loaded and saved again by ExcelJS as a script would (its own writeBuffer: shared
 *                         formulas, styles and parts in ExcelJS's own way): the 20 templates, then copied with
 *                         their station renamed, or (`every`) every generated file, which takes ~40 s a 1,000;
 *   LibreOffice re-saved  the 20 templates opened and saved by LibreOffice (a stand-in for WPS and Excel: its
 *                         own parts, styles, shared strings, sheetProtection), then copied with their station
 *                         renamed, as the generated ones are.
 * All of 2020, in every 状态 (submitted ones with their submission record), the first 17 named as the notice's
 * stations, the others 测试N街道.
 */
import { mkdirSync, writeFileSync, readFileSync } from "fs";
import { join } from "path";
import * as ExcelJS from "exceljs";
import { Zip, strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type ZipInputFile } from "fflate";
import * as zlib from "zlib";
import { convertWithLibreOffice } from "../src/export/libreoffice";
import { getRubric } from "../src/rubric";
import type { ScorecardState } from "../src/sheet";
import { newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import { randomFills } from "../test/support/fills";
import { submittedPlan } from "../test/support/submitted";

export const KINDS = ["generated", "ExcelJS re-saved", "LibreOffice re-saved"] as const;
export type Kind = (typeof KINDS)[number];

const TEMPLATES = 20;
const STATES: readonly ScorecardState[] = ["已提交", "复核中", "已复核", "已提交", "填报中"];
/**
 * Template k's station: no digits, as LibreOffice splits text into runs by script (模板 / 0 / 街道, each in its
 * font), and the name must stay whole to be renamed.
 */
const template = (k: number): string => `模板${"甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"[k]}街道`;

/** The station of the i-th file: the notice's 17 first, then 测试N街道. */
export function stationOf(i: number): string {
  const named = getRubric().notice?.stations ?? [];
  return i < named.length ? named[i] : `测试${i}街道`;
}

/**
 * A template's parts with its station renamed wherever the name is written (shared strings, sheet name, the
 * sheet's page footer).
 */
function renamed(parts: Unzipped, from: string, to: string): Uint8Array {
  const copy = { ...parts };
  for (const name of Object.keys(copy))
    if (/^(xl\/sharedStrings|xl\/workbook|docProps\/app|xl\/worksheets\/sheet\d+)\.xml$/i.test(name))
      copy[name] = strToU8(strFromU8(copy[name]).split(from).join(to));
  return zipped(copy);
}

/**
 * Parts zipped, DEFLATE level 6 as fflate's zipSync would, by Node's zlib where it has crc32 (Node ≥ 20.15):
 * 3,000 files made in a third of the time.
 */
function zipped(parts: Unzipped): Uint8Array {
  if (!("crc32" in zlib)) return zipSync(parts);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [filename, data] of Object.entries(parts)) {
    const file: ZipInputFile = { filename, size: data.length, crc: zlib.crc32(data), compression: 8 };
    zip.add(file);
    file.ondata?.(null, zlib.deflateRawSync(data, { level: 6 }), true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

async function templates(): Promise<Uint8Array[]> {
  const rubric = getRubric();
  return Promise.all(
    randomFills(rubric, TEMPLATES, 1).map(async (fill, k) => {
      const workbook = newWorkbook();
      const state = STATES[k % STATES.length];
      renderPlan(
        workbook,
        submittedPlan({ rubric, station: template(k), year: 2020, entries: fill.entries, state }),
      );
      return workbookBytes(workbook);
    }),
  );
}

/** The bytes ExcelJS writes for a workbook it has loaded. */
async function exceljsResaved(bytes: Uint8Array): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as Parameters<typeof workbook.xlsx.load>[0]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * `n` files of each kind under dir/<kind>/, named 0.xlsx…; returns their paths by kind, with seconds taken.
 * `every`: every ExcelJS re-saved file is its own round trip, not a copy of a re-saved template.
 */
export async function stationFiles(
  n: number,
  dir: string,
  every = false,
): Promise<{ files: Record<Kind, string[]>; seconds: Record<Kind, number> }> {
  const folder = (kind: Kind): string => join(dir, kind.replace(/\W+/g, "-"));
  for (const kind of KINDS) mkdirSync(folder(kind), { recursive: true });
  const paths = (kind: Kind): string[] =>
    Array.from({ length: n }, (_, i) => join(folder(kind), `${i}.xlsx`));
  const files = Object.fromEntries(KINDS.map((kind) => [kind, paths(kind)])) as Record<Kind, string[]>;
  const seconds = {} as Record<Kind, number>;

  let t0 = performance.now();
  const made = await templates();
  const parts = made.map((bytes) => unzipSync(bytes));
  files.generated.forEach((file, i) =>
    writeFileSync(file, renamed(parts[i % TEMPLATES], template(i % TEMPLATES), stationOf(i))),
  );
  seconds.generated = (performance.now() - t0) / 1000;

  t0 = performance.now();
  if (every)
    for (const [i, file] of files.generated.entries())
      writeFileSync(files["ExcelJS re-saved"][i], await exceljsResaved(readFileSync(file)));
  else {
    const resaved = await Promise.all(made.map(async (bytes) => unzipSync(await exceljsResaved(bytes))));
    files["ExcelJS re-saved"].forEach((file, i) =>
      writeFileSync(file, renamed(resaved[i % TEMPLATES], template(i % TEMPLATES), stationOf(i))),
    );
  }
  seconds["ExcelJS re-saved"] = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const sample = join(dir, "libreoffice-sample");
  mkdirSync(sample, { recursive: true });
  const inputs = made.map((bytes, k) => {
    const file = join(sample, `${k}.xlsx`);
    writeFileSync(file, bytes);
    return file;
  });
  const saved = await convertWithLibreOffice(inputs, { to: "xlsx", outDir: join(sample, "saved") });
  const savedParts = saved.outputs.map((file) => unzipSync(readFileSync(file)));
  files["LibreOffice re-saved"].forEach((file, i) =>
    writeFileSync(file, renamed(savedParts[i % TEMPLATES], template(i % TEMPLATES), stationOf(i))),
  );
  seconds["LibreOffice re-saved"] = (performance.now() - t0) / 1000;
  return { files, seconds };
}
