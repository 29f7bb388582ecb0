import * as ExcelJS from "exceljs";
import { Zip, ZipDeflate, strToU8, type ZipInputFile } from "fflate";
import type { SheetPlan } from "../sheet";
import type {
  SheetView,
  WorkbookModelInternals,
  WorksheetModelInternals,
  XlsxWriterInternals,
  ZipSink,
} from "./internals";
import { captureFrame, planFrameKey, planSheetParts, type PlanFrame, type SharedRegistries } from "./planXml";
import { renderPlan } from "./render";
import { newWorkbook, rowsAbsolute } from "./workbook";

/*
 * Workbooks too large to hold as one ExcelJS model (a city's roll-up of 1,000 stations), written a sheet at a
 * time. Node only: the scorecard copies are written with ExcelJS's own writer pieces (./planXml).
 */

/** Draws one worksheet into the workbook it is given (see streamedWorkbookBytes). */
export type DrawSheet = (workbook: ExcelJS.Workbook) => ExcelJS.Worksheet;

/** A sheet of a streamed workbook: drawn through ExcelJS, or a scorecard plan (see streamedWorkbookBytes). */
export type StreamedSheet = DrawSheet | SheetPlan;

/**
 * Rewrites parts on their way into the zip (path → XML; add, change or delete entries): called with the parts of
 * each sheet drawn through ExcelJS (its worksheet XML and relationships) and the sheet's name, then with the
 * workbook's parts and null. Scorecard copies written from a frame pass unedited.
 */
export type PartsEdit = (parts: Map<string, string>, sheetName: string | null) => void;

/**
 * Raw DEFLATE of a part with the CRC-32 of its bytes, for a faster compressor than fflate's where there is one
 * (Node's zlib: a quarter of the time for a 1,000-station roll-up). It may answer later: Node's asynchronous
 * zlib compresses on its thread pool while the next sheet is written.
 */
export type Deflate = (data: Uint8Array) => Deflated | Promise<Deflated>;

export interface Deflated {
  readonly deflated: Uint8Array;
  readonly crc: number;
}

/** Parts being compressed at once, at most: each holds its sheet's XML until it is done. */
const IN_FLIGHT = 8;

/** writeBuffer's steps after the sheets, in its order (workbook.xml needs the rIds the relationships give). */
const PARTS_AFTER_SHEETS = [
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;

/** Accessors that keep one value whatever ExcelJS assigns: see streamedWorkbookBytes. */
const pinned = (value: unknown): PropertyDescriptor => ({ get: () => value, set: () => undefined });

interface DxfRegistry {
  addDxfStyle(style: object): number;
}

/**
 * ExcelJS adds a differential format (the look of a conditional format) for every rule of every sheet, equal
 * or not: 1,000 scorecard copies made 46,000 of them, 7 MB of styles.xml for Excel or WPS to parse on open.
 * Equal ones are given the first one's id instead.
 */
function shareDifferentialFormats(styles: DxfRegistry): void {
  const add = styles.addDxfStyle.bind(styles);
  const ids = new Map<string, number>();
  styles.addDxfStyle = (style) => {
    const key = JSON.stringify(style);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = add(style)));
    return id;
  };
}

/**
 * The .xlsx bytes of the workbook of these sheets, written one sheet at a time: each is drawn into a scratch
 * workbook, rendered by ExcelJS's own writer, compressed and dropped before the next is drawn, so memory holds one
 * sheet and the compressed output instead of the whole workbook's cells, their model and every sheet's XML (a
 * 1,000-station roll-up: 400 MB). A scorecard plan is drawn so only the first time its frame is seen; later
 * plans of that frame are written straight from their cells into the frame (./planXml), as ExcelJS would have
 * written them. The parts are those workbookBytes writes for a workbook of the same sheets (print areas fixed the
 * same way), but for equal differential formats, which are written once. The sheet of views[0].activeTab is
 * the selected one. Sheets must not hold images or tables: ExcelJS numbers those per workbook.
 */
export async function streamedWorkbookBytes(
  sheets: Iterable<StreamedSheet>,
  views: ExcelJS.WorkbookView[],
  edit: PartsEdit = () => undefined,
  deflate?: Deflate,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const batch = new Map<string, string>();
  const sink: ZipSink = {
    append: (data, { name, base64 }) => {
      if (base64) throw new Error(`Binary part ${name}: streamed workbooks hold no media`);
      batch.set(name.replace(/^\//, ""), data);
    },
  };
  // The zip writes each entry once those before it are done, so parts may finish compressing in any order.
  const pending: Promise<void>[] = [];
  const add = async (name: string, data: Uint8Array): Promise<void> => {
    if (deflate) {
      const file: ZipInputFile = { filename: name, size: data.length, crc: 0, compression: 8 };
      zip.add(file);
      const done = Promise.resolve(deflate(data)).then(({ deflated, crc }) => {
        file.crc = crc;
        file.ondata?.(null, deflated, true);
      });
      // Handled here so that a failure waiting its turn is not reported as unhandled; awaited below.
      done.catch(() => undefined);
      pending.push(done);
      if (pending.length >= IN_FLIGHT) await pending.shift();
    } else {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(data, true);
    }
  };
  const flush = async (sheetName: string | null): Promise<void> => {
    edit(batch, sheetName);
    for (const [name, xml] of batch) await add(name, strToU8(xml));
    batch.clear();
  };

  const shell = newWorkbook();
  shell.views = views;
  const selectedTab = views[0]?.activeTab ?? 0;
  const writer = shell.xlsx as unknown as XlsxWriterInternals;
  const model = shell.model as unknown as WorkbookModelInternals;
  // Makes the shared strings and the styles every sheet adds to, as writeBuffer does once for all sheets.
  writer.prepareModel(model, {});
  shareDifferentialFormats(model.styles as DxfRegistry);
  const registries = { sharedStrings: model.sharedStrings, styles: model.styles } as SharedRegistries;
  const shared = { sharedStrings: pinned(model.sharedStrings), styles: pinned(model.styles) };
  const collected = { drawings: [] as unknown[], commentRefs: [] as unknown[], tables: [] as unknown[] };
  const frames = new Map<string, PlanFrame>();
  const stubs: WorksheetModelInternals[] = [];
  for (const item of sheets) {
    const index = stubs.length;
    const selected = index === selectedTab;
    const frameKey = typeof item === "function" ? null : planFrameKey(item, selected);
    const frame = frameKey === null ? undefined : frames.get(frameKey);
    if (frame && typeof item !== "function") {
      const parts = planSheetParts(frame, item, registries);
      await add(`xl/worksheets/sheet${index + 1}.xml`, parts.sheet);
      if (parts.rels) await add(`xl/worksheets/_rels/sheet${index + 1}.xml.rels`, strToU8(parts.rels));
      for (const name of parts.definedNames) model.definedNames.push({ ...name, localSheetId: index });
      stubs.push({
        id: index + 1,
        name: item.sheetName,
        state: frame.state,
        pageSetup: frame.pageSetup,
        tables: [],
      });
      continue;
    }
    const draw: DrawSheet = typeof item === "function" ? item : (workbook) => renderPlan(workbook, item);
    const sheet = draw(new ExcelJS.Workbook());
    const [view = {}, ...rest] = sheet.views as SheetView[];
    sheet.views = [{ ...view, tabSelected: selected }, ...rest];
    const area = sheet.pageSetup.printArea;
    if (area) sheet.pageSetup.printArea = rowsAbsolute(area);
    const sheetModel = sheet.model as unknown as WorksheetModelInternals;
    sheetModel.id = index + 1;
    // prepareModel on a workbook of this one sheet, pinned to the shared strings and styles it would replace.
    const one: WorkbookModelInternals = Object.defineProperties(
      { ...model, worksheets: [sheetModel], definedNames: [] },
      shared,
    );
    writer.prepareModel(one, {});
    // The print area and titles names, numbered for this sheet's place in the whole workbook.
    for (const name of one.definedNames) model.definedNames.push({ ...name, localSheetId: index });
    collected.drawings.push(...(one.drawings ?? []));
    collected.commentRefs.push(...(one.commentRefs ?? []));
    collected.tables.push(...(one.tables ?? []));
    await writer.addWorksheets(sink, one);
    if (frameKey !== null) frames.set(frameKey, captureFrame(sheetModel));
    await flush(sheetModel.name);
    const { id, name, state, pageSetup, tables, drawing } = sheetModel;
    stubs.push({ id, name, state, pageSetup, tables, drawing });
  }
  model.worksheets = model.sheets = stubs;
  Object.assign(model, collected);
  for (const step of PARTS_AFTER_SHEETS) await writer[step](sink, model);
  await flush(null);
  await Promise.all(pending);
  zip.end();
  if (failure) throw failure;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
  return bytes;
}
