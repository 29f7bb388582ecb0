import type { Workbook } from "exceljs";

/**
 * A sheet "杂项" of every kind of cell the readers must agree on: rich text, a hyperlink, errors, a date,
 * booleans, formulas (one shared, one with an empty-text result), a merge and a styled empty cell.
 */
export function addMiscSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet("杂项");
  sheet.getCell("A1").value = { richText: [{ text: "自评" }, { text: "得分", font: { bold: true } }] };
  sheet.getCell("A2").value = { text: "链接", hyperlink: "https://example.org" };
  sheet.getCell("A3").value = { error: "#REF!" };
  sheet.getCell("A4").value = new Date(Date.UTC(2020, 5, 30));
  sheet.getCell("A5").value = true;
  sheet.getCell("A6").value = { formula: "A5", result: false };
  sheet.getCell("A7").value = { formula: 'IF(A5,"","x")', result: "" };
  sheet.getCell("B1").value = 2;
  sheet.getCell("B2").value = 3;
  sheet.getCell("C1").value = { formula: "B1*2", result: 4 };
  sheet.getCell("C2").value = { sharedFormula: "C1", result: 6 };
  sheet.getCell("C3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  sheet.getCell("D1").value = "合并";
  sheet.mergeCells("D1:E2");
  sheet.getCell("F9").style = { fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } } };
}
