/*
 * The namespaces the readers know, transitional (ECMA-376 Part 1) and Strict (Part 1, §A; the purl.oclc.org
 * URIs) alike, and the vocabularies the XML scanner reads each kind of part with (see ./xml).
 */
import type { Vocabulary } from "./xml";

export const SPREADSHEETML = [
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
] as const;
export const OFFICE_RELATIONSHIPS = [
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  "http://purl.oclc.org/ooxml/officeDocument/relationships",
] as const;
export const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
/** Excel 2010's extensions (x14:dataValidation) and the Excel 2006 main namespace they use (xm:sqref). */
export const X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
export const XM = "http://schemas.microsoft.com/office/excel/2006/main";
export const MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006";

const vocabulary = (entries: readonly (readonly [readonly string[] | string, string])[]): Vocabulary => {
  const map = new Map<string, string>();
  for (const [uris, prefix] of entries)
    for (const uri of typeof uris === "string" ? [uris] : uris) map.set(uri, prefix);
  return map;
};

/** Workbook, worksheet, shared-string and style parts: SpreadsheetML bare, the rest under fixed prefixes. */
export const SPREADSHEET_PART = vocabulary([
  [SPREADSHEETML, ""],
  [OFFICE_RELATIONSHIPS, "r"],
  [X14, "x14"],
  [XM, "xm"],
  [MARKUP_COMPATIBILITY, "mc"],
]);

/** Relationship parts (OPC, ECMA-376 Part 2). */
export const RELATIONSHIPS_PART = vocabulary([[PACKAGE_RELATIONSHIPS, ""]]);

/** The last segment of a relationship type, transitional or Strict: "worksheet", "sharedStrings", … */
export const relationshipKind = (type: string): string => {
  for (const base of [
    ...OFFICE_RELATIONSHIPS.map((u) => `${u}/`),
    "http://schemas.microsoft.com/office/2006/relationships/",
  ])
    if (type.startsWith(base)) return type.slice(base.length);
  return "";
};

/** The transitional spellings, the only ones readers of literal names (ExcelJS) know. */
export const USUAL = new Set<string>([
  SPREADSHEETML[0],
  OFFICE_RELATIONSHIPS[0],
  PACKAGE_RELATIONSHIPS,
  X14,
  XM,
  MARKUP_COMPATIBILITY,
]);
