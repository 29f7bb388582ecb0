import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { getRubric } from "../src/rubric";
import { submittedPlan } from "./support/submitted";
import { newWorkbook, renderPlan, workbookBytes } from "../src/xlsx";
import { PART_LIMIT } from "../src/xlsx/stream/zip";
import { randomFills } from "./support/fills";

const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "scorecard-summary-cli-"));
const bundle = join(dir, "bundle");
const rubric = getRubric();
const STATIONS = rubric.notice?.stations ?? [];

/** Inputs in command-line order: stations, a duplicate, one not in the notice, and every kind of unreadable file. */
const inputs: string[] = [];
beforeAll(async () => {
  expect(spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs"), "--outdir", bundle]).status).toBe(
    0,
  );
  // The same two-line runner as test/cli.check.test.ts: main() of the temp build, as bin/scorecard.js calls it.
  writeFileSync(
    join(bundle, "run.cjs"),
    'const { main, processIo } = require("./scorecard.cjs");\nmain(process.argv.slice(2), processIo()).then((c) => { process.exitCode = c; });\n',
  );
  const stations = [...STATIONS.slice(0, 6), "不在名单镇"];
  for (const [i, f] of randomFills(rubric, stations.length, 31).entries()) {
    const workbook = newWorkbook();
    renderPlan(workbook, submittedPlan({ rubric, ...f, year: 2020, station: stations[i], state: "已提交" }));
    writeFileSync(join(dir, `${i}.xlsx`), await workbookBytes(workbook));
  }
  copyFileSync(join(dir, "0.xlsx"), join(dir, "copy.xlsx"));
  writeFileSync(join(dir, "junk.xlsx"), "not a workbook");
  const empty = newWorkbook();
  empty.addWorksheet("Sheet1").getCell("A1").value = "hello";
  writeFileSync(join(dir, "empty.xlsx"), await workbookBytes(empty));
  writeFileSync(
    join(dir, "bomb.xlsx"),
    zipSync({
      // A workbook is read through its namespaced parts and typed relationships, so the bomb has them.
      "xl/workbook.xml": strToU8(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Target="worksheets/sheet1.xml" ' +
          'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": new Uint8Array(PART_LIMIT + 1024 * 1024).fill(0x20),
    }),
  );
  inputs.push(
    "0.xlsx",
    "junk.xlsx",
    "1.xlsx",
    "2.xlsx",
    "missing.xlsx",
    "3.xlsx",
    "copy.xlsx",
    "bomb.xlsx",
    "4.xlsx",
    "empty.xlsx",
    "5.xlsx",
    "6.xlsx",
  );
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const summary = (args: string[], jobs: string) =>
  spawnSync(process.execPath, [join(bundle, "run.cjs"), "summary", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_PATH: join(ROOT, "node_modules"), SCORECARD_JOBS: jobs },
  });

/** Every part of a workbook by name, the creation and modification times (the clock's) blanked. */
function parts(file: string): [string, string][] {
  return Object.entries(unzipSync(readFileSync(file))).map(([name, bytes]) => [
    name,
    name === "docProps/core.xml"
      ? strFromU8(bytes).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, "$1")
      : strFromU8(bytes),
  ]);
}

describe("summary on worker threads", () => {
  it("writes the same roll-up, stdout, stderr and exit code as in one thread", () => {
    const one = summary([...inputs, "-o", "x.xlsx"], "1");
    renameSync(join(dir, "x.xlsx"), join(dir, "one.xlsx"));
    const pool = summary([...inputs, "-o", "x.xlsx"], "2");
    expect(one.status).toBe(2);
    expect(pool.status).toBe(2);
    expect(pool.stdout).toBe(one.stdout);
    expect(pool.stderr).toBe(one.stderr);
    // Each unreadable file named once, in command-line order, the zip bomb with its own message; then the duplicate.
    const lines = pool.stderr.trim().split("\n");
    expect(lines.slice(0, 4).map((l) => /^无法读取 (\S+)：/.exec(l)?.[1])).toEqual([
      "junk.xlsx",
      "missing.xlsx",
      "bomb.xlsx",
      "empty.xlsx",
    ]);
    expect(lines[2]).toContain("xl/worksheets/sheet1.xml 解压后超过 50 MB，已拒绝读取");
    expect(lines[4]).toMatch(/^重复：copy\.xlsx/);
    expect(pool.stdout).toContain("18 个服务站，收到 7 个，已提交 7 个，已复核 0 个，未收到 11 个");
    const expected = parts(join(dir, "one.xlsx"));
    expect(expected.map(([name]) => name)).toContain("xl/charts/chart1.xml");
    expect(parts(join(dir, "x.xlsx"))).toEqual(expected);
  });

  it("gives the same 创建名单 CSV and messages in English", () => {
    const one = summary(["--lang", "en", ...inputs, "-o", "x.csv"], "1");
    renameSync(join(dir, "x.csv"), join(dir, "one.csv"));
    const pool = summary(["--lang", "en", ...inputs, "-o", "x.csv"], "2");
    expect(pool.status).toBe(2);
    expect([pool.stdout, pool.stderr]).toEqual([one.stdout, one.stderr]);
    expect(pool.stderr).toContain("inflates beyond 50 MB: refused");
    expect(readFileSync(join(dir, "x.csv"), "utf8")).toBe(readFileSync(join(dir, "one.csv"), "utf8"));
  });
});
