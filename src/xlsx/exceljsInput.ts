/*
 * The bytes ExcelJS is given to build its model (the page, export, sample). ExcelJS reads parts by literal names
 * (`xl/worksheets/sheet1.xml`, `<worksheet>`, `<c>`), so a package the streaming reader read by relationships and
 * namespaces is handed to it in the shape it knows:
 * - as it is, when it already has that shape (what Excel, WPS, LibreOffice and this product write), the few
 *   part names ExcelJS looks up spelt its way (OPC ignores their case);
 * - patched: the parts that are spelled otherwise (prefixed names `<x:c>`, Strict namespaces) rewritten with bare
 *   transitional names, everything else kept byte for byte;
 * - lean: re-made from the workbook, its worksheets, shared strings, styles and theme under ExcelJS's names,
 *   without drawings, comments, tables and macros — when the parts are named otherwise (`sheet.xml`,
 *   `Sheet1.xml`), or when ExcelJS fails on the file as it is (its TypeErrors on filters, anchors, names, …).
 * Data validations over more cells than ExcelJS should expand one by one (a whole column is a million) are held
 * back as a placeholder and put back over their areas once the model is built (`restore`). Every way hands
 * ExcelJS parts stored, never compressed: each part of the file is inflated once, by the package gate.
 */
import type * as ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { areaSize, areaText, parseArea, type Area } from "../sheet/areas";
import { internals } from "./internals";
import {
  OFFICE_RELATIONSHIPS,
  PACKAGE_RELATIONSHIPS,
  RELATIONSHIPS_PART,
  SPREADSHEETML,
  SPREADSHEET_PART,
  X14,
  XM,
} from "./stream/namespaces";
import { relationshipsPartOf, type Package } from "./stream/package";
import type { WorkbookRead } from "./stream/workbook";
import { foldName, type ZipReader } from "./stream/zip";
import type { Attributes, Vocabulary } from "./stream/xml";

/** A validation or merge covering more cells than this is held back from ExcelJS and put back as one area. */
export const EXPANDED = 10_000;

export interface ExcelJsInput {
  readonly bytes: Uint8Array;
  /** Puts back, on the loaded workbook, what the input held back. */
  readonly restore: (workbook: ExcelJS.Workbook) => void;
  /** The package was re-made without drawings, comments, tables and macros. */
  readonly lean: boolean;
}

/** Element edits while a part is rewritten: new attributes, or null to leave the element (and its content) out. */
type Edit = (name: string, attributes: Record<string, string>) => Record<string, string> | null;

const escapeText = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttribute = (text: string): string =>
  escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");

const STRICT_TYPE = "http://purl.oclc.org/ooxml/officeDocument/relationships/";
const TRANSITIONAL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/** Namespace declarations a rewritten part's root carries, by the prefixes handlers see. */
const DECLARATIONS: Readonly<Record<string, string>> = {
  "": SPREADSHEETML[0],
  r: OFFICE_RELATIONSHIPS[0],
  x14: X14,
  xm: XM,
};

/**
 * A part rewritten with bare transitional names: elements of namespaces the vocabulary does not know, markup
 * compatibility Choices and attributes of unknown namespaces are left out, Fallbacks are kept in place.
 */
function rewrite(pkg: Package, entry: string, vocabulary: Vocabulary, edit: Edit = (_, a) => a): string {
  const relationships = vocabulary === RELATIONSHIPS_PART;
  let out = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  // Per open element: true when written, false when unwrapped; skipped subtrees are counted apart.
  const written: boolean[] = [];
  let skip = 0;
  let root = true;
  // A shared or inline string's start in `out`, and whether it has a plain <t> and runs (see close).
  let rich: { at: number; depth: number; plain: boolean; runs: boolean } | null = null;
  pkg.parse(entry, vocabulary, {
    open: (name: string, a: Attributes) => {
      if (skip > 0 || name === "mc:Choice" || name.startsWith("{")) {
        skip++;
        return;
      }
      if (name === "mc:AlternateContent" || name === "mc:Fallback") {
        written.push(false);
        return;
      }
      const attributes: Record<string, string> = {};
      for (const [key, value] of Object.entries(a.all()))
        if (!key.startsWith("{") && !key.startsWith("mc:"))
          attributes[key] =
            relationships && key === "Type" ? value.replace(STRICT_TYPE, TRANSITIONAL_TYPE) : value;
      const kept = edit(name, attributes);
      if (kept === null) {
        skip++;
        return;
      }
      out += `<${name}`;
      if (root) {
        out += relationships
          ? ` xmlns="${PACKAGE_RELATIONSHIPS}"`
          : Object.entries(DECLARATIONS)
              .map(([prefix, uri]) => ` xmlns${prefix ? `:${prefix}` : ""}="${uri}"`)
              .join("");
        root = false;
      }
      if (name === "si" || name === "is")
        rich = { at: out.length - name.length - 1, depth: written.length, plain: false, runs: false };
      else if (rich && written.length === rich.depth + 1) {
        if (name === "t") rich.plain = true;
        else if (name === "r") rich.runs = true;
      }
      for (const [key, value] of Object.entries(kept)) out += ` ${key}="${escapeAttribute(value)}"`;
      out += ">";
      written.push(true);
    },
    text: (text) => {
      if (skip === 0 && written.length > 0) out += escapeText(text);
    },
    close: (name) => {
      if (skip > 0) {
        skip--;
        return;
      }
      if (written.pop()) out += `</${name}>`;
      if ((name === "si" || name === "is") && rich) {
        // A plain <t> before runs (which ExcelJS fails on) becomes a run of its own: Excel shows the same text.
        if (rich.plain && rich.runs)
          out =
            out.slice(0, rich.at) +
            out.slice(rich.at).replace(/^(<(?:si|is)[^>]*>)(<t[^>]*>[^<]*<\/t>)/, "$1<r>$2</r>");
        rich = null;
      }
    },
  });
  return out;
}

/**
 * Rows and cells numbered where the file leaves their r out (ExcelJS needs them): a row is the one after the
 * previous, a cell the column after the previous in its row, as the streaming reader reads them.
 */
function numbered(): Edit {
  let row = 0;
  let col = 0;
  return (name, a) => {
    if (name === "row") {
      row = a.r !== undefined ? Number(a.r) : row + 1;
      col = 0;
      return { r: String(row), ...a };
    }
    if (name !== "c") return a;
    const m = a.r !== undefined ? /^([A-Za-z]+)/.exec(a.r) : null;
    col = m ? [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : col + 1;
    return { r: a.r ?? areaText({ top: row, bottom: row, left: col, right: col }), ...a };
  };
}

/**
 * What is held back from ExcelJS: a data validation (a placeholder key, and the areas it stands for), or a merge
 * (its area), each of more cells than ExcelJS should expand.
 */
type HeldBack =
  | { readonly sheet: number; readonly placeholder: string; readonly areas: readonly string[] }
  | { readonly sheet: number; readonly merge: Area };

/** Whether a sheet holds a merge ExcelJS should not expand. */
export const expandsTooFar = (merge: Area): boolean => areaSize(merge) > EXPANDED;

/** Sheet edits shared by both ways: big validations become placeholders, big merges are left out. */
function holdBack(sheet: number, held: HeldBack[]): Edit {
  return (name, attributes) => {
    if (name === "mergeCell") {
      const merge = parseArea(attributes.ref ?? "");
      if (!merge || !expandsTooFar(merge)) return attributes;
      held.push({ sheet, merge });
      return null;
    }
    if (name !== "dataValidation" || attributes.sqref === undefined) return attributes;
    const areas = attributes.sqref.split(/\s+/).filter(Boolean);
    const size = areas.reduce((n, text) => {
      const area = parseArea(text);
      return n + (area ? areaSize(area) : 1);
    }, 0);
    if (size <= EXPANDED) return attributes;
    // A key of four letters is no cell: ExcelJS keeps it as written.
    const placeholder = `ZZZZ${held.length + 1}`;
    held.push({ sheet, placeholder, areas });
    return { ...attributes, sqref: placeholder };
  };
}

const restoreHeld =
  (held: readonly HeldBack[]) =>
  (workbook: ExcelJS.Workbook): void => {
    type RangeClass = new (area: string) => { readonly range: string };
    let Range: RangeClass | undefined;
    for (const item of held) {
      const worksheet = workbook.worksheets[item.sheet];
      if (!worksheet) continue;
      const inner = internals(worksheet);
      if ("merge" in item) {
        // ExcelJS's own Range class, taken from a merge made in a workbook of the same build.
        if (!Range) {
          const scratch = new (workbook.constructor as typeof ExcelJS.Workbook)().addWorksheet("x");
          scratch.mergeCells("A1:A2");
          Range = Object.values(internals(scratch)._merges)[0].constructor as unknown as RangeClass;
        }
        const topLeft = areaText({ ...item.merge, bottom: item.merge.top, right: item.merge.left });
        inner._merges[topLeft] = new Range(areaText(item.merge));
        heldMerges.set(worksheet, [...(heldMerges.get(worksheet) ?? []), areaText(item.merge)]);
        continue;
      }
      const model = inner.dataValidations?.model;
      const rule = model?.[item.placeholder];
      if (!model || !rule) continue;
      delete model[item.placeholder];
      for (const area of item.areas) model[area] = rule;
    }
  };

/**
 * Merges held back from a worksheet's model: ExcelJS writes a merge from the cells it made for it, which these
 * have none of, so writeHeldMerges puts them into the saved bytes. A sheet drawn anew is a new Worksheet: none.
 */
const heldMerges = new WeakMap<ExcelJS.Worksheet, readonly string[]>();

/** The saved bytes of a workbook with the merges held back from its model written into their sheets again. */
export function writeHeldMerges(bytes: Uint8Array, workbook: ExcelJS.Workbook): Uint8Array {
  const held = workbook.worksheets.filter((w) => heldMerges.has(w));
  if (held.length === 0) return bytes;
  const files = unzipSync(bytes);
  for (const worksheet of held) {
    // ExcelJS names a worksheet's part by its id.
    const name = `xl/worksheets/sheet${worksheet.id}.xml`;
    if (!files[name]) continue;
    const merges = (heldMerges.get(worksheet) ?? []).map((ref) => `<mergeCell ref="${ref}"/>`).join("");
    let xml = strFromU8(files[name]);
    xml = xml.includes("</mergeCells>")
      ? xml
          .replace("</mergeCells>", `${merges}</mergeCells>`)
          .replace(
            /<mergeCells count="(\d+)"/,
            (_, n: string) => `<mergeCells count="${Number(n) + (heldMerges.get(worksheet)?.length ?? 0)}"`,
          )
      : // After sheetData and what CT_Worksheet puts between it and mergeCells (protection, a filter).
        xml.replace(
          /<\/sheetData>(<sheetProtection[^>]*\/>)?(<autoFilter[^>]*(?:\/>|>[\s\S]*?<\/autoFilter>))?/,
          (m) => `${m}<mergeCells count="${heldMerges.get(worksheet)?.length ?? 0}">${merges}</mergeCells>`,
        );
    files[name] = strToU8(xml);
  }
  return zipSync(files);
}

/**
 * The names ExcelJS looks parts up by, spelt as it spells them: it matches entry names exactly, and OPC part
 * names compare without regard to case, so xl/SharedStrings.xml is the shared strings too.
 */
const EXCELJS_NAMES = new Map(
  [
    "[Content_Types].xml",
    "_rels/.rels",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "docProps/app.xml",
    "docProps/core.xml",
  ].map((name) => [foldName(name), name]),
);
const exceljsName = (name: string): string => EXCELJS_NAMES.get(foldName(name)) ?? name;

/** Whether ExcelJS finds every part read where its literal names look (those of EXCELJS_NAMES respelt). */
function namedAsExcelJsReads(read: WorkbookRead): boolean {
  const zip = read.package.zip;
  const { workbook, styles, sharedStrings } = read.parts;
  if (exceljsName(workbook) !== "xl/workbook.xml") return false;
  if (exceljsName(styles ?? "xl/styles.xml") !== "xl/styles.xml") return false;
  if (exceljsName(sharedStrings ?? "xl/sharedStrings.xml") !== "xl/sharedStrings.xml") return false;
  if (!zip.has("_rels/.rels") || !zip.has("xl/_rels/workbook.xml.rels")) return false;
  return read.sheets.every(({ part }) => {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(part)) return false;
    const rels = relationshipsPartOf(part);
    const spelt = zip.spelling(rels);
    return spelt === undefined || spelt === rels;
  });
}

/** ExcelJS reads app.xml's company by literal names: a prefixed one (.NET writers) fails it; it is metadata. */
const prefixedAppXml = (zip: ZipReader): boolean =>
  zip.has("docProps/app.xml") && /<[\w.-]+:Properties\b/.test(zip.text("docProps/app.xml").slice(0, 1024));

/**
 * The input ExcelJS is given for a package the streaming reader read (`lean` to re-make it regardless): the
 * checked parts stored (ZipReader.storedCopy), so that JSZip inflates nothing and reads what was checked.
 */
export function excelJsInput(read: WorkbookRead, lean: boolean): ExcelJsInput {
  const pkg = read.package;
  const held: HeldBack[] = [];
  if (!lean && namedAsExcelJsReads(read)) {
    const replaced = new Map<string, Uint8Array | null>();
    for (const entry of pkg.unusual)
      replaced.set(
        entry,
        strToU8(rewrite(pkg, entry, entry.endsWith(".rels") ? RELATIONSHIPS_PART : SPREADSHEET_PART)),
      );
    read.sheets.forEach((sheet, i) => {
      if (sheet.cost.validated <= EXPANDED && !sheet.merges.some(expandsTooFar)) return;
      replaced.set(sheet.part, strToU8(rewrite(pkg, sheet.part, SPREADSHEET_PART, holdBack(i, held))));
    });
    if (prefixedAppXml(pkg.zip)) replaced.set(pkg.entry("docProps/app.xml") ?? "", null);
    return {
      bytes: pkg.zip.storedCopy(exceljsName, (name) => replaced.get(name)),
      restore: restoreHeld(held),
      lean: false,
    };
  }
  return { bytes: leanPackage(read, held), restore: restoreHeld(held), lean: true };
}

/** Worksheet elements that point at parts the lean package leaves out. */
const LEFT_OUT = new Set([
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "tableParts",
  "webPublishItems",
  "extLst",
]);
/** Workbook elements that point at parts the lean package leaves out, or that ExcelJS fails on. */
const WORKBOOK_LEFT_OUT = new Set([
  "definedNames",
  "externalReferences",
  "pivotCaches",
  "extLst",
  "fileRecoveryPr",
]);

const CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
const OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function leanPackage(read: WorkbookRead, held: HeldBack[]): Uint8Array {
  const pkg = read.package;
  const files: Zippable = {};
  const overrides: string[] = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT}.sheet.main+xml"/>`,
  ];
  const workbookRels: string[] = [];
  // Worksheets by name, in the order read: <sheet> elements of other kinds are left out.
  const names = read.sheets.map((s) => s.grid.name);
  let next = 0;
  files["xl/workbook.xml"] = strToU8(
    rewrite(pkg, read.parts.workbook, SPREADSHEET_PART, (name, a) => {
      if (WORKBOOK_LEFT_OUT.has(name)) return null;
      if (name !== "sheet") return a;
      if (a.name !== names[next]) return null;
      next++;
      return {
        name: a.name,
        sheetId: String(next),
        ...(a.state ? { state: a.state } : {}),
        "r:id": `rId${next}`,
      };
    }),
  );
  read.sheets.forEach((sheet, i) => {
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    const hold = holdBack(i, held);
    const number = numbered();
    files[part] = strToU8(
      rewrite(pkg, sheet.part, SPREADSHEET_PART, (name, a) => {
        if (LEFT_OUT.has(name)) return null;
        const kept = hold(name, a);
        return kept && number(name, kept);
      }),
    );
    overrides.push(`<Override PartName="/${part}" ContentType="${CONTENT}.worksheet+xml"/>`);
    workbookRels.push(
      `<Relationship Id="rId${i + 1}" Type="${OFFICE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    );
    const links = [...pkg.relationships(sheet.part).values()].filter(
      (r) => r.kind === "hyperlink" && r.external,
    );
    if (links.length > 0)
      files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
          links
            .map(
              (r) =>
                `<Relationship Id="${escapeAttribute(r.id)}" Type="${OFFICE}/hyperlink" Target="${escapeAttribute(r.target)}" TargetMode="External"/>`,
            )
            .join("") +
          "</Relationships>",
      );
  });
  const { styles, sharedStrings } = read.parts;
  if (styles !== undefined) {
    files["xl/styles.xml"] = strToU8(rewrite(pkg, styles, SPREADSHEET_PART));
    overrides.push(`<Override PartName="/xl/styles.xml" ContentType="${CONTENT}.styles+xml"/>`);
    workbookRels.push(`<Relationship Id="rIdStyles" Type="${OFFICE}/styles" Target="styles.xml"/>`);
  }
  if (sharedStrings !== undefined) {
    files["xl/sharedStrings.xml"] = strToU8(rewrite(pkg, sharedStrings, SPREADSHEET_PART));
    overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CONTENT}.sharedStrings+xml"/>`);
    workbookRels.push(
      `<Relationship Id="rIdStrings" Type="${OFFICE}/sharedStrings" Target="sharedStrings.xml"/>`,
    );
  }
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${workbookRels.join("")}</Relationships>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
      `<Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["[Content_Types].xml"] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `${overrides.join("")}</Types>`,
  );
  return zipSync(files, { level: 0 });
}
