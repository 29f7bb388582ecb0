// The printed scorecard, as a district office gets it: `scorecard new`, filled in, submitted, then `scorecard export
// -o x.pdf` through LibreOffice; read back with pdftotext (poppler-utils). What the office signs must say which
// standard (试行标准（2020）), leave the 复核 column blank on a self-assessment, show the veto conditions answered
// 否, carry the official signature block and fit four pages; a vetoed card names the veto items that caused it.
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main, type Io } from "../src/cli/main";
import { applyTransition } from "../src/review/transitions";
import { getRubric } from "../src/rubric";
import { COL, addr, layoutFor } from "../src/sheet";
import type { CellWrite } from "../src/workbook";
import { XlsxPort } from "../src/xlsx";
import { requireSoffice } from "./support/libreoffice";

const rubric = getRubric("2020-trial");
const layout = layoutFor(rubric);
let dir: string;

beforeAll(() => {
  requireSoffice();
  dir = mkdtempSync(join(tmpdir(), "scorecard-pdf-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quiet: Io = { out: () => undefined, err: () => undefined };
const cellOf = (id: string, col: number = COL.self): string => addr(col, layout.entryRows.get(id) ?? 0);

/** `scorecard new`, the station's entries written into it, submitted: the file a station sends. */
async function stationFile(station: string, more: readonly CellWrite[] = []): Promise<string> {
  const file = join(dir, `${station}.xlsx`);
  expect(await main(["new", "--station", station, "--year", "2020", "-o", file], quiet)).toBe(0);
  const port = await XlsxPort.load(readFileSync(file));
  const sheet = `${station}2020评分表`;
  const scores = rubric.baseItems.map((i) => ({ cell: cellOf(i.id), value: i.id === "12" ? 0.5 : i.max }));
  await port.write(sheet, [...scores, { cell: cellOf("1", COL.evidence), value: "学习记录.pdf" }, ...more]);
  await applyTransition(port, sheet, "submit", { now: new Date("2020-11-01T08:00:00Z"), operator: "张三" });
  writeFileSync(file, await port.toBuffer());
  return file;
}

/** `scorecard export FILE -o OUT.pdf`, then the PDF's text (pdftotext -layout) and page count. */
async function printed(file: string, name: string): Promise<{ text: string; pages: number }> {
  const out = join(dir, name);
  expect(await main(["export", file, "-o", out], quiet)).toBe(0);
  const text = spawnSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" });
  expect(text.error).toBeUndefined();
  const info = spawnSync("pdfinfo", [out], { encoding: "utf8" }).stdout;
  return { text: text.stdout, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}

describe("the printed scorecard (LibreOffice PDF)", () => {
  let self: { text: string; pages: number };
  beforeAll(async () => {
    self = await printed(await stationFile("古城街道"), "古城街道.pdf");
  }, 180_000);

  it("fits four pages, each footed with the card and its page", () => {
    expect(self.pages).toBe(4);
    for (let p = 1; p <= 4; p++)
      expect(self.text).toMatch(new RegExp(`古城街道2020年评分表\\s+第 ${p} 页，共 4 页`));
  });

  it("names the standard by its title", () => {
    expect(self.text).toMatch(/标准版本\s+试行标准（2020）/);
    expect(self.text).not.toContain("2020-trial");
  });

  it("leaves the 复核 column blank on a self-assessment: no 0 / 90 / 70 / 未完成", () => {
    expect(self.text).toMatch(/总分\s+110\s+99\.5\s+满分110＝基础分100＋加分10\n/);
    expect(self.text).toMatch(/距达标还差\s+90\s+0\s+达标线90分（含加分）\n/);
    expect(self.text).toMatch(/未评分项数\s+70\s+0\s+基础分共70项\n/);
    expect(self.text).toMatch(/结论\s+达标\n/);
    expect(self.text).not.toContain("未完成");
  });

  it("shows the four veto conditions answered 否", () => {
    for (const c of rubric.veto.conditions)
      expect(self.text).toMatch(new RegExp(`${c.key.replace(".", "\\.")}\\s+${c.text}\\s+否\\n`));
  });

  it("carries the signature block of the official forms", () => {
    expect(self.text).toMatch(/填报单位（盖章）：\s+单位负责人：\s+联系电话：/);
    expect(self.text).toMatch(/填报人：\s+审核人：\s+日期：\s+年\s+月\s+日/);
    expect(self.text).toMatch(/复核单位（盖章）：\s+复核人：\s+日期：\s+年\s+月\s+日/);
  });

  it("breaks no line before closing punctuation, and no bracket away from its word", () => {
    expect(self.text).not.toMatch(/^\s*[，、。；：）]/m);
    expect(self.text).toMatch(/帮扶援助\s*\n[^\n]*（12分）/);
  });

  it("names the veto items of a vetoed card, under its column and in words", async () => {
    const vetoed = await stationFile("安居镇", [{ cell: cellOf("75.2"), value: "是" }]);
    const { text } = await printed(vetoed, "安居镇.pdf");
    expect(text).toMatch(/75\.2\s+发生个人极端案事件的\s+是\n/);
    expect(text).toMatch(/结论\s+否决\n/);
    expect(text).toMatch(/否决原因\s+75\.2\s+75\.2 发生个人极端案事件的\n/);
  }, 180_000);
});
