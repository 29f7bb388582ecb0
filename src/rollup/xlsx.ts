import type { CellValue, Workbook, WorkbookView, Worksheet } from "exceljs";
import JSZip from "jszip";
import { planFromRead, type ReadScorecard } from "../sheet";
// The modules themselves, not ../xlsx: its XlsxPort draws grid sheets with renderGridPlan below.
import { excelCfRule, excelStyle, renderPlan } from "../xlsx/render";
import {
  newWorkbook,
  streamedWorkbookBytes,
  type Deflate,
  type DrawSheet,
  type PartsEdit,
} from "../xlsx/workbook";
import type { SheetView } from "../xlsx/internals";
import { openPackage } from "../xlsx/package";
import { CONTENT_TYPES, NS, REL_TYPES, chartXml, drawingXml, relsXml } from "./chart";
import type { Rollup } from "./model";
import {
  buildRollupPlans,
  type ChartSpec,
  type GridCell,
  type GridSheetPlan,
  type RollupPlanOptions,
  type RollupPlans,
} from "./plan";

/*
 * The ExcelJS/JSZip adapter of the roll-up (Node and browser): draws the 汇总 and 创建名单 plans, copies each
 * station's scorecard in, and adds the chart ExcelJS cannot write to the saved file.
 */

const A4 = 9;

const excelValue = (cell: GridCell): CellValue => {
  if (cell.formula === undefined) return cell.value;
  return cell.result === undefined
    ? { formula: cell.formula }
    : { formula: cell.formula, result: cell.result };
};

/** Draws a grid plan into a new worksheet at the end of the workbook. */
export function renderGridPlan(workbook: Workbook, plan: GridSheetPlan): Worksheet {
  const sheet = workbook.addWorksheet(plan.sheetName);
  plan.cells.forEach((row, r) =>
    row.forEach((planCell, c) => {
      if (planCell === null) return;
      const cell = sheet.getCell(r + 1, c + 1);
      const value = excelValue(planCell);
      if (value !== null) cell.value = value;
      cell.style = excelStyle(plan.styles[planCell.style]);
    }),
  );
  plan.rowHeights.forEach((height, r) => {
    if (height !== null) sheet.getRow(r + 1).height = height;
  });
  plan.columns.forEach((column, c) => (sheet.getColumn(c + 1).width = column.width));
  for (const range of plan.merges) sheet.mergeCellsWithoutStyle(range);
  plan.conditionalFormats.forEach((rule, index) =>
    sheet.addConditionalFormatting({ ref: rule.areas.join(" "), rules: [excelCfRule(rule, index + 1)] }),
  );
  Object.assign(sheet.pageSetup, {
    paperSize: A4,
    orientation: plan.print.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: plan.print.fitToHeight,
    printArea: plan.print.area,
    printTitlesRow: `${plan.print.titleRows[0]}:${plan.print.titleRows[1]}`,
  });
  sheet.headerFooter.oddFooter = "&C第 &P 页，共 &N 页";
  const view: SheetView = {
    state: "frozen",
    xSplit: 0,
    ySplit: plan.freeze.rows,
    topLeftCell: `A${plan.freeze.rows + 1}`,
  };
  sheet.views = [view];
  // Locked cells and no password, like the scorecards: the formulas are guarded against slips, not people.
  void sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  return sheet;
}

const ROLLUP_VIEWS: WorkbookView[] = [
  { x: 0, y: 0, width: 24000, height: 16000, firstSheet: 0, activeTab: 0, visibility: "visible" },
];

/**
 * The roll-up's sheets in tab order, each drawn when its turn comes: 汇总, 创建名单, the extra sheets, then each
 * submitted station's scorecard re-drawn from the entries read from its source (self and review scores, evidence,
 * notes and state carry over; formulas, validation, formats and protection are the plan's own). 汇总 is selected.
 */
function rollupSheets(
  rollup: Rollup,
  reads: readonly ReadScorecard[],
  plans: RollupPlans,
  extra: readonly GridSheetPlan[],
): DrawSheet[] {
  const draws: DrawSheet[] = [plans.summary, plans.list, ...extra].map(
    (plan) => (workbook) => renderGridPlan(workbook, plan),
  );
  for (const row of rollup.rows) {
    if (row.readIndex === null || row.sheet === null) continue;
    const read = reads[row.readIndex];
    const sheetName = row.sheet;
    draws.push((workbook) => renderPlan(workbook, { ...planFromRead(read), sheetName }));
  }
  return draws.map((draw, i) => (workbook) => {
    const sheet = draw(workbook);
    const [view = {}, ...rest] = sheet.views as SheetView[];
    sheet.views = [{ ...view, tabSelected: i === 0 }, ...rest];
    return sheet;
  });
}

/** The roll-up workbook (see rollupSheets), whole in memory. Without the chart: see rollupBytes. */
export function buildRollupWorkbook(
  rollup: Rollup,
  reads: readonly ReadScorecard[],
  plans: RollupPlans = buildRollupPlans(rollup),
  extra: readonly GridSheetPlan[] = [],
): Workbook {
  const workbook = newWorkbook();
  for (const draw of rollupSheets(rollup, reads, plans, extra)) draw(workbook);
  workbook.views = ROLLUP_VIEWS;
  return workbook;
}

/**
 * The roll-up as .xlsx bytes, chart included; `extra` sheets (历年对比) follow the 创建名单. Written a sheet at a
 * time (1,000 stations would otherwise hold a million cells, their model and all the XML at once); the parts are
 * those of buildRollupWorkbook's workbook through addChart. `deflate`: a faster compressor (the CLI passes Node's zlib).
 */
export async function rollupBytes(
  rollup: Rollup,
  reads: readonly ReadScorecard[],
  options: RollupPlanOptions & { readonly extra?: readonly GridSheetPlan[]; readonly deflate?: Deflate } = {},
): Promise<Uint8Array> {
  const plans = buildRollupPlans(rollup, options);
  const { chart } = plans;
  // The streamed workbook has no drawings or charts of its own (ExcelJS draws only images): the chart is number 1.
  const numbers = { chart: 1, drawing: 1 };
  const edit: PartsEdit = (parts, sheetName) => {
    if (sheetName === chart.sheetName) {
      const sheet = [...parts.keys()].find((path) => /^xl\/worksheets\/sheet\d+\.xml$/.test(path)) ?? "";
      const rels = sheetRelsPath(sheet);
      for (const [path, xml] of chartParts(
        chart,
        sheet,
        parts.get(sheet) ?? "",
        parts.get(rels) ?? null,
        numbers,
      ))
        parts.set(path, xml);
    }
    const types = parts.get(TYPES);
    if (sheetName === null && types !== undefined) parts.set(TYPES, chartTypes(types, numbers));
  };
  return streamedWorkbookBytes(
    rollupSheets(rollup, reads, plans, options.extra ?? []),
    ROLLUP_VIEWS,
    edit,
    options.deflate,
  );
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

async function text(zip: JSZip, path: string): Promise<string | null> {
  const file = zip.file(path);
  return file ? file.async("string") : null;
}

/** The worksheet part (e.g. xl/worksheets/sheet1.xml) of the sheet with this name. */
async function sheetPart(zip: JSZip, sheetName: string): Promise<string> {
  const workbook = (await text(zip, "xl/workbook.xml")) ?? "";
  const tag = (workbook.match(/<sheet\s[^>]*\/?>/g) ?? []).find(
    (t) => unescapeXml(attr(t, "name") ?? "") === sheetName,
  );
  const id = tag ? /\sr:id="([^"]*)"/.exec(tag)?.[1] : undefined;
  const rels = (await text(zip, "xl/_rels/workbook.xml.rels")) ?? "";
  const rel = (rels.match(/<Relationship\s[^>]*\/?>/g) ?? []).find((t) => attr(t, "Id") === id);
  const target = rel ? attr(rel, "Target") : undefined;
  if (!target) throw new Error(`No worksheet named ${sheetName} in the workbook`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

const freeName = (zip: JSZip, folder: string, stem: string): number => {
  let n = 1;
  while (zip.file(`${folder}/${stem}${n}.xml`)) n++;
  return n;
};

/** Elements that follow <drawing> in CT_Worksheet; the drawing goes before the first present. */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

function insertDrawing(sheetXml: string, relId: string): string {
  if (/<drawing\s/.test(sheetXml)) throw new Error("The sheet already has a drawing");
  let xml = sheetXml;
  const root = /<worksheet\s[^>]*>/.exec(xml);
  if (root && !/\sxmlns:r=/.test(root[0]))
    xml = xml.replace(root[0], root[0].replace(/>$/, ` xmlns:r="${NS.rel}">`));
  const element = `<drawing r:id="${relId}"/>`;
  const positions = AFTER_DRAWING.map((tag) => xml.search(new RegExp(`<${tag}[\\s>/]`))).filter(
    (i) => i >= 0,
  );
  const at = positions.length > 0 ? Math.min(...positions) : xml.lastIndexOf("</worksheet>");
  return `${xml.slice(0, at)}${element}${xml.slice(at)}`;
}

function addOverride(types: string, part: string, contentType: string): string {
  if (types.includes(`PartName="${part}"`)) return types;
  return types.replace("</Types>", `<Override PartName="${part}" ContentType="${contentType}"/></Types>`);
}

const TYPES = "[Content_Types].xml";

const sheetRelsPath = (sheet: string): string => {
  const slash = sheet.lastIndexOf("/");
  return `${sheet.slice(0, slash)}/_rels/${sheet.slice(slash + 1)}.rels`;
};

interface ChartNumbers {
  readonly chart: number;
  readonly drawing: number;
}

const chartPath = (no: ChartNumbers): string => `xl/charts/chart${no.chart}.xml`;
const drawingPath = (no: ChartNumbers): string => `xl/drawings/drawing${no.drawing}.xml`;

/**
 * The parts that adding the chart to a sheet writes (path → XML): the chart, the drawing and its relationships,
 * the sheet's relationships (null: it has none yet) and the sheet with its <drawing> element.
 */
function chartParts(
  spec: ChartSpec,
  sheet: string,
  sheetXml: string,
  sheetRels: string | null,
  no: ChartNumbers,
): Map<string, string> {
  const ids = [...(sheetRels ?? "").matchAll(/\sId="rId(\d+)"/g)].map((m) => Number(m[1]));
  const relId = `rId${Math.max(0, ...ids) + 1}`;
  const target = `../drawings/drawing${no.drawing}.xml`;
  const drawingRel = `<Relationship Id="${relId}" Type="${REL_TYPES.drawing}" Target="${target}"/>`;
  return new Map([
    [chartPath(no), chartXml(spec)],
    [drawingPath(no), drawingXml(spec, "rId1")],
    [
      `xl/drawings/_rels/drawing${no.drawing}.xml.rels`,
      relsXml([{ id: "rId1", type: REL_TYPES.chart, target: `../charts/chart${no.chart}.xml` }]),
    ],
    [
      sheetRelsPath(sheet),
      sheetRels
        ? sheetRels.replace("</Relationships>", `${drawingRel}</Relationships>`)
        : relsXml([{ id: relId, type: REL_TYPES.drawing, target }]),
    ],
    [sheet, insertDrawing(sheetXml, relId)],
  ]);
}

/** The content types with the chart's and the drawing's. */
const chartTypes = (types: string, no: ChartNumbers): string =>
  addOverride(
    addOverride(types, `/${chartPath(no)}`, CONTENT_TYPES.chart),
    `/${drawingPath(no)}`,
    CONTENT_TYPES.drawing,
  );

/**
 * Adds the chart to saved .xlsx bytes: xl/charts/chartN.xml, xl/drawings/drawingN.xml and its relationships,
 * the sheet's relationship and <drawing> element, and the content types.
 */
export async function addChart(bytes: Uint8Array, spec: ChartSpec): Promise<Uint8Array> {
  // Through the package gate like every read (JSZip then copies the checked parts and inflates nothing).
  const zip = await JSZip.loadAsync(openPackage(bytes).storedCopy());
  const sheet = await sheetPart(zip, spec.sheetName);
  const no = { chart: freeName(zip, "xl/charts", "chart"), drawing: freeName(zip, "xl/drawings", "drawing") };
  const sheetXml = (await text(zip, sheet)) ?? "";
  const parts = chartParts(spec, sheet, sheetXml, await text(zip, sheetRelsPath(sheet)), no);
  for (const [path, xml] of parts) zip.file(path, xml);
  zip.file(TYPES, chartTypes((await text(zip, TYPES)) ?? "", no));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
