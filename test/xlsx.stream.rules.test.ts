/*
 * The named rules of the readers (README, "what check reads"), each by examples, and by properties where a rule has
 * one: shared formulas slide back to where they came from, areas cover exactly the cells they name, serials and ISO
 * dates read each other back.
 */
import fc from "fast-check";
import { AreaIndex, areaSize, areaText, linkAt, parseArea } from "../src/sheet/areas";
import { slideFormula } from "../src/xlsx/stream/formula";
import {
  isBuiltinDateFormat,
  isDateFormat,
  isoDateCell,
  parseBoolean,
  parseDouble,
  serialToIso,
  unescapeText,
} from "../src/xlsx/stream/values";

describe("date-format", () => {
  it.each([
    ["yyyy-mm-dd", true],
    ['yyyy"年"m"月"d"日"', true],
    ["[$-804]yyyy/m/d", true],
    ["h:mm AM/PM", true],
    ["[h]:mm:ss", true],
    ["mm:ss.0", true],
    ["DD/MM/YYYY", true],
    ["General", false],
    ["G/通用格式", false],
    ["0.00", false],
    ["0.00E+00", false],
    ["#,##0;[Red]-#,##0", false],
    ['0" days"', false],
    ["0\\d", false],
    ["@", false],
    ["_-* #,##0_-;-* #,##0_-", false],
  ])("%s is a date: %s", (code, date) => expect(isDateFormat(code)).toBe(date));

  it("takes the built-in date formats, the East Asian ones too, and no others", () => {
    expect([14, 22, 27, 31, 36, 45, 47, 50, 58].every(isBuiltinDateFormat)).toBe(true);
    expect([0, 1, 2, 9, 10, 11, 23, 37, 44, 49, 59].some(isBuiltinDateFormat)).toBe(false);
  });
});

describe("date-serial", () => {
  it.each([
    [44012, false, "2020-06-30"],
    [44012.5, false, "2020-06-30T12:00:00.000Z"],
    [1, false, "1900-01-01"],
    [59, false, "1900-02-28"],
    [60, false, "1900-02-29"],
    [61, false, "1900-03-01"],
    [0.75, false, "1899-12-30T18:00:00.000Z"],
    [2958465, false, "9999-12-31"],
    [0, true, "1904-01-01"],
    [44012 - 1462, true, "2020-06-30"],
  ])("%s (1904: %s) is %s", (serial, date1904, iso) => expect(serialToIso(serial, date1904)).toBe(iso));

  it.each([[-1], [2958466], [Number("110101199001011234")], [1e20]])("%s is no date", (serial) =>
    expect(serialToIso(serial, false)).toBeNull(),
  );

  it('reads back what a t="d" cell of the same day and time holds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 61, max: 2_958_465 }),
        fc.integer({ min: 0, max: 86_399 }),
        (day, second) => {
          const iso = serialToIso(day + second / 86_400, false) as string;
          expect(isoDateCell(iso.replace(/\.000Z$/, ""))).toBe(iso);
        },
      ),
    );
  });
});

describe("iso-date-cell", () => {
  it.each([
    ["2020-06-30", "2020-06-30"],
    ["2020-06-30T00:00:00", "2020-06-30"],
    ["2020-06-30T12:30:00", "2020-06-30T12:30:00.000Z"],
    ["2020-06-30T12:30:00.5Z", "2020-06-30T12:30:00.500Z"],
    ["23:44:51.894", "1899-12-30T23:44:51.894Z"],
    [" 2020-06-30 ", "2020-06-30"],
    ["0099-01-01", "0099-01-01"],
  ])("%s is %s", (text, iso) => expect(isoDateCell(text)).toBe(iso));

  it.each([["2020-02-30"], ["2020-13-01"], ["2020-06-30T24:00:00"], ["30/06/2020"], ["yesterday"], [""]])(
    "%s is none",
    (text) => expect(isoDateCell(text)).toBeNull(),
  );
});

describe("numbers and booleans as xsd writes them", () => {
  it.each([
    ["12", 12],
    ["-1.5E3", -1500],
    ["+.5", 0.5],
    ["1.", 1],
    [" 7 ", 7],
    ["0.1", 0.1],
  ])("%s is %s", (text, n) => expect(parseDouble(text)).toBe(n));

  it.each([["12abc"], ["0x10"], ["0b11"], ["Infinity"], ["NaN"], ["1e400"], ["."], ["-"], [""], ["1,5"]])(
    "%s is none",
    (text) => expect(parseDouble(text)).toBeNull(),
  );

  it("reads every number JavaScript writes back to itself", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(parseDouble(String(n))).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it.each([
    ["1", true],
    ["true", true],
    ["0", false],
    [" false ", false],
    ["yes", null],
    ["2", null],
  ])("boolean %s is %s", (text, b) => expect(parseBoolean(text)).toBe(b));

  it("undoes _xHHHH_ escapes (xstring-escape)", () => {
    expect(unescapeText("a_x000D_b_x005F_x000D_")).toBe("a\rb_x000D_");
    expect(unescapeText("_x4E2d_")).toBe("中");
  });
});

describe("shared-formula", () => {
  it.each([
    ["A1+B$2+$C3+$D$4", 2, 1, "B3+C$2+$C5+$D$4"],
    ["SUM(A:A)", 0, 1, "SUM(B:B)"],
    ["SUM($A:C)", 0, 1, "SUM($A:D)"],
    ["SUM(3:3)", 1, 0, "SUM(4:4)"],
    ["SUM($3:$3)", 1, 0, "SUM($3:$3)"],
    ["Sheet2!A1*'My Sheet'!B2", 1, 0, "Sheet2!A2*'My Sheet'!B3"],
    ['IF(A1="B2","A1",B2)', 1, 1, 'IF(B2="B2","A1",C3)'],
    ["LOG10(A1)+ATAN2(A1,B1)", 1, 0, "LOG10(A2)+ATAN2(A2,B2)"],
    ["A1-1", 0, 0, "A1-1"],
    ["MyName1+A1", 1, 0, "MyName1+A2"],
    ["Table1[Col1]+A1", 1, 0, "Table1[Col1]+A2"],
    ["#REF!+A1", 1, 0, "#REF!+A2"],
    ["A1", -1, 0, "#REF!"],
    ["XFD1", 0, 1, "#REF!"],
    ["1.5E3+A1", 1, 0, "1.5E3+A2"],
  ])("%s moved by %s rows and %s columns is %s", (formula, rows, cols, moved) =>
    expect(slideFormula(formula, rows, cols)).toBe(moved),
  );

  it("moves back to where it came from", () => {
    const ref = fc
      .tuple(fc.boolean(), fc.integer({ min: 1, max: 200 }), fc.boolean(), fc.integer({ min: 1, max: 5000 }))
      .map(([colAnchored, col, rowAnchored, row]) => {
        let letters = "";
        for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
          letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
        return `${colAnchored ? "$" : ""}${letters}${rowAnchored ? "$" : ""}${row}`;
      });
    fc.assert(
      fc.property(
        fc.array(ref, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 50 }),
        (refs, rows, cols) => {
          const formula = `SUM(${refs.join(",")})+"A1"`;
          expect(slideFormula(slideFormula(formula, rows, cols), -rows, -cols)).toBe(formula);
        },
      ),
    );
  });
});

describe("areas", () => {
  it.each([
    ["F5", { top: 5, left: 6, bottom: 5, right: 6 }],
    ["$F$5:G78", { top: 5, left: 6, bottom: 78, right: 7 }],
    ["B1:B1048576", { top: 1, left: 2, bottom: 1_048_576, right: 2 }],
    ["B:D", { top: 1, left: 2, bottom: 1_048_576, right: 4 }],
    ["3:5", { top: 3, left: 1, bottom: 5, right: 16_384 }],
    ["G78:F5", { top: 5, left: 6, bottom: 78, right: 7 }],
  ])("%s", (text, area) => expect(parseArea(text)).toEqual(area));

  it.each([["B"], ["5"], ["XFE1"], ["A1048577"], ["A1:B"], ["A0"], ["名称"], [""]])("%s is none", (text) =>
    expect(parseArea(text)).toBeNull(),
  );

  it("costs what its text costs: a whole sheet is one area", () => {
    expect(areaSize(parseArea("A1:XFD1048576") ?? { top: 1, left: 1, bottom: 1, right: 1 })).toBe(
      17_179_869_184,
    );
    expect(new AreaIndex(["A1:XFD1048576"]).covers(16_384, 1_048_576)).toBe(true);
  });

  it("covers exactly the cells its areas name", () => {
    const area = fc
      .tuple(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
      )
      .map(([top, left, h, w]) => ({ top, left, bottom: top + h, right: left + w }));
    fc.assert(
      fc.property(fc.array(area, { maxLength: 6 }), (areas) => {
        const index = new AreaIndex(areas.map(areaText));
        for (let row = 1; row <= 18; row++)
          for (let col = 1; col <= 18; col++)
            expect(index.covers(col, row)).toBe(
              areas.some((a) => a.top <= row && row <= a.bottom && a.left <= col && col <= a.right),
            );
      }),
    );
  });

  it("finds a cell's link by its own address, else by the first area over it", () => {
    const links = { H5: "own", "H1:H10": "first", "H1:H20": "second" };
    expect([linkAt(links, "H5"), linkAt(links, "H6"), linkAt(links, "H15"), linkAt(links, "I5")]).toEqual([
      "own",
      "first",
      "second",
      undefined,
    ]);
  });
});
