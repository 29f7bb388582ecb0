import fc from "fast-check";
import { FILE_WORDS } from "../src/i18n/fileWords";
import { STRINGS, type StringKey } from "../src/i18n/strings";
import { getRubric } from "../src/rubric";
import { closeStation } from "../src/taskpane/insert/stationMatch";

const STATIONS = getRubric().notice?.stations ?? [];
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the browser's own words (src/i18n/fileWords)", () => {
  it("replace Excel's words in both languages, with no placeholder the pane does not fill", () => {
    const zh = Object.keys(FILE_WORDS.zh).sort();
    expect(Object.keys(FILE_WORDS.en).sort()).toEqual(zh);
    for (const lang of ["zh", "en"] as const)
      for (const key of zh as StringKey[]) {
        const filled = placeholders(STRINGS[lang][key]);
        const unknown = placeholders(FILE_WORDS[lang][key] ?? "").filter((p) => !filled.includes(p));
        expect([key, unknown]).toEqual([key, []]);
      }
  });

  it("say 评分表, not 工作表 / 激活 / 单元格 / 写入表格, in Chinese", () => {
    for (const text of Object.values(FILE_WORDS.zh))
      expect(text).not.toMatch(/工作表|激活|单元格|写入表格|工作簿/);
  });

  it("leave no Chinese in English, but the sheet's own 是 / 否", () => {
    for (const [key, text] of Object.entries(FILE_WORDS.en))
      expect([key, /[\u4e00-\u9fff]/.test(key === "notYesNo" ? "" : text)]).toEqual([key, false]);
  });
});

describe("closeStation: 是否为 巴川街道？", () => {
  it("offers the notice's station for a short, long or slipped name", () => {
    expect(closeStation("巴川", STATIONS)).toBe("巴川街道");
    expect(closeStation(" 巴川 ", STATIONS)).toBe("巴川街道");
    expect(closeStation("巴州街道", STATIONS)).toBe("巴川街道");
    expect(closeStation("石鱼", STATIONS)).toBe("石鱼镇");
  });

  it("offers nothing for a listed name, an unrelated one, or one close to several", () => {
    expect(closeStation("巴川街道", STATIONS)).toBeNull();
    expect(closeStation("巴川街道退役军人服务站", STATIONS)).toBeNull();
    expect(closeStation("", STATIONS)).toBeNull();
    expect(closeStation("朝阳街道", STATIONS)).toBeNull();
    // 东城街道 and 南城街道 are both one character from 西城街道.
    expect(closeStation("西城街道", STATIONS)).toBeNull();
  });

  it("never offers a station for itself, and offers it for each prefix that only it has", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATIONS), fc.nat(), (station, n) => {
        expect(closeStation(station, STATIONS)).toBeNull();
        const prefix = station.slice(0, 1 + (n % (station.length - 1)));
        const only = STATIONS.filter((s) => s.startsWith(prefix)).length === 1;
        if (only) expect(closeStation(prefix, STATIONS)).toBe(station);
      }),
    );
  });
});
