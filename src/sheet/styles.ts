import { VERDICT_TEXT } from "./labels";
import type { CellStyle, CfRule, CfStyle, StyleName } from "./types";

const base = { hAlign: "center", vAlign: "middle", wrap: true, border: true, locked: true } as const;

export const STYLES: Readonly<Record<StyleName, CellStyle>> = {
  title: { ...base, bold: true, size: 16, border: false },
  metaLabel: { ...base, bold: true, fill: "F2F2F2" },
  /** Free text a user or the add-in writes (station, 佐证材料, 备注, signature) is text-formatted ("@"), so that
   * Excel keeps "2023-05-01", "007" or "50%" exactly as typed instead of converting them. */
  metaValue: { ...base, hAlign: "left", numberFormat: "@" },
  metaNumber: { ...base, hAlign: "left" },
  header: { ...base, bold: true, fontColor: "FFFFFF", fill: "1F4E79" },
  category: { ...base, bold: true, fill: "DDEBF7" },
  task: { ...base, fill: "F3F8FC" },
  key: { ...base, numberFormat: "@" },
  text: { ...base, hAlign: "left" },
  max: { ...base, numberFormat: "General" },
  entry: { ...base, fill: "FFFFFF", numberFormat: "General", locked: false },
  /** A score column closed by the submission state: locked and greyed. */
  entryLocked: { ...base, fill: "EDEDED", numberFormat: "General" },
  note: { ...base, hAlign: "left", vAlign: "top", locked: false, numberFormat: "@" },
  subtotalLabel: { ...base, bold: true, fill: "F2F2F2", hAlign: "right" },
  summaryLabel: { ...base, bold: true, fill: "D9E1F2", hAlign: "right" },
  summaryValue: { ...base, bold: true, fill: "D9E1F2", numberFormat: "General" },
  /** What a summary row's 分值 means (总分 110 = 基础分 100 + 加分 10), and the veto conditions named. */
  summaryNote: { ...base, fill: "D9E1F2", hAlign: "left" },
  verdict: { ...base, bold: true, size: 12, fill: "D9E1F2" },
  signatureLabel: { ...base, bold: true, border: false, hAlign: "right" },
  signature: { ...base, border: false, hAlign: "left", locked: false, numberFormat: "@" },
  // ";;;" shows nothing: the hidden helper columns must not print "###" where LibreOffice draws their edge.
  helper: { ...base, border: false, numberFormat: ";;;" },
  /** The submission hash and time in the hidden J2:K2: text, so the time is not taken for a date. */
  helperText: { ...base, border: false, numberFormat: "@" },
};

/** Colours of the conditional formats, chosen to read in colour and in grey print. */
export const CF_STYLES: Readonly<
  Record<"invalid" | "shortfall" | "empty" | "veto" | "difference", CfStyle>
> & {
  verdict: Readonly<Record<"pass" | "fail" | "veto" | "incomplete", CfStyle>>;
} = {
  invalid: { fill: "FF7C80", fontColor: "9C0006", bold: true },
  shortfall: { fill: "FCE4D6", fontColor: "833C0B" },
  empty: { fill: "FFF2CC" },
  veto: { fill: "C00000", fontColor: "FFFFFF", bold: true },
  difference: { fill: "E4DFEC", fontColor: "5B2C6F", bold: true },
  verdict: {
    pass: { fill: "C6EFCE", fontColor: "006100", bold: true },
    fail: { fill: "FFEB9C", fontColor: "9C5700", bold: true },
    veto: { fill: "FFC7CE", fontColor: "9C0006", bold: true },
    incomplete: { fill: "D9D9D9", fontColor: "404040", bold: true },
  },
};

/** Colours a cell holding a verdict (达标 / 未达标 / 否决 / 未完成); the 汇总 sheet uses them too. */
export function verdictFormats(area: string): CfRule[] {
  return (["pass", "fail", "veto", "incomplete"] as const).map((key) => ({
    kind: "cellIs",
    areas: [area],
    operator: "equal",
    formulae: [`"${VERDICT_TEXT[key]}"`],
    style: CF_STYLES.verdict[key],
    purpose: "verdict",
  }));
}
