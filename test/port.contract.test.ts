/*
 * The WorkbookPort contract (test/support/portContract.ts) over each adapter: Office.js on the strict FakeExcel,
 * WPS on the strict FakeEt, and .xlsx files through ExcelJS.
 */
import { OfficePort } from "../src/excel";
import { WpsPort } from "../src/wps";
import type { EtHost } from "../src/wps/et";
import { XlsxPort } from "../src/xlsx";
import { internals } from "../src/xlsx/internals";
import { FakeExcel } from "./support/fakeExcel";
import { FakeEt } from "./support/fakeEt";
import { describePortContract } from "./support/portContract";

describePortContract("Office.js (FakeExcel, ExcelApi 1.14)", async () => {
  const fake = new FakeExcel({ api: "1.14" });
  fake.createSheet("Sheet1");
  return {
    port: new OfficePort({ run: fake.run, isSetSupported: fake.isSetSupported }),
    protectedNow: (sheet) => fake.sheet(sheet).protection.protected,
    userEdit: (sheet, cell, value) => fake.userEdit(sheet, cell, value),
    settle: () => fake.settle(),
    problems: () => fake.violations,
  };
});

describePortContract("WPS (FakeEt)", async () => {
  const fake = new FakeEt();
  fake.addSheet("Sheet1");
  let now = 0;
  const host = { app: fake.application, events: fake.apiEvent } as EtHost;
  return {
    port: new WpsPort(host, { now: () => now }),
    protectedNow: (sheet) => fake.sheet(sheet).protection.protected,
    userEdit: (sheet, cell, value) => fake.userEdit(sheet, cell, value),
    settle: () => fake.settle(),
    passTime: () => {
      now += 60_000;
    },
    problems: () => fake.problems,
  };
});

describePortContract(".xlsx (ExcelJS)", async () => {
  const port = new XlsxPort();
  return {
    port,
    protectedNow: (sheet) => {
      const found = port.workbook.getWorksheet(sheet);
      return found !== undefined && internals(found).sheetProtection?.sheet === true;
    },
    problems: () => [],
  };
});
