/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The page opens files with the real engine (ExcelJS and the streaming reader), as taskpane.file.test.tsx's zip
// bomb does: a damaged workbook is refused in the pane's words naming the reason; one ExcelJS cannot load as it
// is opens with a notice that saving drops its drawings; every refusal reads in both languages.
import * as React from "react";
import { configure, fireEvent, render, screen, within } from "@testing-library/react";
import { RendererProvider, createDOMRenderer } from "@fluentui/react-components";
import { cliReadText, workbookRefusal } from "../src/i18n/cliRead";
import { FILE_WORDS } from "../src/i18n/fileWords";
import { STRINGS } from "../src/i18n/strings";
import { loadXlsxEngine } from "../src/taskpane/file/xlsxLoader";
import { FileApp } from "../src/taskpane/root/FileApp";
import { WorkbookFormatError, type WorkbookDamage } from "../src/xlsx/format";
import type { ReadLimit } from "../src/xlsx/limits";
import type { XmlProblem } from "../src/xlsx/stream/refusal";
import { hostileSheets, validShapes } from "./support/hostileSheets";

const renderer = createDOMRenderer(document, { unstable_filterCSSRule: () => false });
configure({ asyncUtilTimeout: 20_000 });
const TIMING = { readDelay: 20, writeDelay: 30 };
jest.setTimeout(120_000);

async function openInPane(lang: "zh" | "en", bytes: Uint8Array): Promise<HTMLElement> {
  render(
    <RendererProvider renderer={renderer} targetDocument={document}>
      <FileApp lang={lang} loadEngine={loadXlsxEngine} timing={TIMING} />
    </RendererProvider>,
  );
  fireEvent.change(screen.getByTestId("file-input"), { target: { files: [new File([bytes], "a.xlsx")] } });
  return screen.findByTestId("message-bar");
}

describe("the page refuses a damaged workbook naming the reason", () => {
  it.each([
    [
      "zh",
      STRINGS.zh.errorOpenFileTitle,
      "工作表“巴川街道2020评分表”的单元格 F7 写了两次，不同程序会读出不同的值（文件已损坏）。",
    ],
    [
      "en",
      STRINGS.en.errorOpenFileTitle,
      "Cell F7 of sheet “巴川街道2020评分表” is written twice, so programs would read different values (the file is damaged).",
    ],
  ] as const)("in %s", async (lang, title, body) => {
    const twice = (await hostileSheets()).find((f) => f.name === "a cell written twice");
    const bar = await openInPane(lang, twice?.bytes ?? new Uint8Array());
    expect(within(bar).getByText(title)).toBeTruthy();
    expect(bar.textContent).toContain(body);
    expect(screen.queryByTestId("total")).toBeNull();
  });
});

describe("a workbook ExcelJS cannot load as it is", () => {
  it("opens, with its total, and says that saving drops its drawings", async () => {
    const noR = (await validShapes()).find((f) => f.name === "rows and cells without r");
    const bar = await openInPane("zh", noR?.bytes ?? new Uint8Array());
    expect(within(bar).getByText(STRINGS.zh.leanOpenedTitle)).toBeTruthy();
    // In the browser's words (a file holds tables, not worksheets).
    expect(bar.textContent).toContain(FILE_WORDS.zh.leanOpenedBody);
    expect(bar.textContent).not.toMatch(/工作表/);
    expect((await screen.findByTestId("total")).textContent).toContain("91.5");
  });
});

describe("every refusal reads in both languages", () => {
  // Every damage and limit the table says (its keys are complete by type: see cliRead.ts's `satisfies`).
  const damages = Object.keys(cliReadText("zh").damage) as WorkbookDamage[];
  const limits = Object.keys(cliReadText("zh").limit) as ReadLimit[];
  const xml = Object.keys(cliReadText("zh").xml) as XmlProblem[];
  const where = {
    part: "xl/worksheets/sheet1.xml",
    sheet: "表一",
    cell: "B7",
    row: 7,
    value: "A1:B2 B2:C3",
  };
  const both = (e: WorkbookFormatError): [string, string] => [
    workbookRefusal(e, "zh"),
    workbookRefusal(e, "en"),
  ];
  const inItsLanguage = ([zh, en]: [string, string]): void => {
    // Each in its language only: the sheet's name (quoted) is the file's own.
    const unquoted = (text: string): string => text.replace(/“[^”]*”/g, "");
    expect(zh).not.toMatch(/undefined|[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
    expect(unquoted(zh)).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/undefined/);
    expect(unquoted(en)).not.toMatch(/[\u4e00-\u9fff]/);
  };
  it.each(damages)("damage %s", (damage) =>
    inItsLanguage(both(new WorkbookFormatError("damaged", "", { ...where, damage }))),
  );
  it.each(limits)("limit %s", (limit) =>
    inItsLanguage(both(new WorkbookFormatError("too-large", "", { ...where, limit }))),
  );
  it.each(xml)("malformed XML: %s", (problem) => {
    const [zh, en] = both(
      new WorkbookFormatError("damaged", "", { damage: "malformed-xml", part: "xl/a.xml", xml: problem }),
    );
    expect(zh).toMatch(/^xl\/a\.xml 不是格式正确的 XML：.+（文件已损坏）$/);
    expect(en).toMatch(/^xl\/a\.xml is not well-formed XML: .+ \(the file is damaged\)$/);
  });
});
