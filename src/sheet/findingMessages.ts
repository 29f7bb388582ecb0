import type { Message } from "../i18n/types";
import type { FindingCode } from "./findings";

type Params = Record<string, string | number>;

const who = (item: string | number): Message =>
  item === "sheet"
    ? { zh: "本表", en: "The sheet" }
    : item === "same"
      ? { zh: "“同一事项”行", en: "The same-matter row" }
      : /^\d+(\.\d+)?$/.test(String(item))
        ? { zh: `第${item}项`, en: `Item ${item}` }
        : { zh: `“${item}”行`, en: `The ${item} row` };

/** The one place integrity findings are worded, in Chinese and English, naming the item and cell. */
export function findingMessage(code: FindingCode, p: Params): Message {
  const w = who(p.item);
  const at = { zh: `（${p.cell}）`, en: ` (${p.cell})` };
  const m = ((): Message => {
    switch (code) {
      case "invalid-entry":
        return { zh: `${w.zh}填写无效`, en: `${w.en}: invalid entry` };
      case "entry-formula":
        return {
          zh: `${w.zh}得分单元格含公式，请直接填写分数`,
          en: `${w.en}: the score cell holds a formula; type the score instead`,
        };
      case "text-changed":
        return {
          zh: `${w.zh}的创建标准文字与官方标准不一致`,
          en: `${w.en}: the standard's text differs from the official text`,
        };
      case "max-changed":
        return {
          zh: `${w.zh}的分值被改为“${p.value}”，官方分值为 ${p.max}`,
          en: `${w.en}: 分值 changed to "${p.value}"; the official maximum is ${p.max}`,
        };
      case "row-missing":
        return { zh: `${w.zh}缺失（行被删除）`, en: `${w.en} is missing (row deleted)` };
      case "row-duplicated":
        return {
          zh: `${w.zh}出现多次（第 ${p.rows} 行）`,
          en: `${w.en} appears more than once (rows ${p.rows})`,
        };
      case "row-moved":
        return {
          zh: `${w.zh}位于第 ${p.row} 行，应在第 ${p.planned} 行（行被插入、删除或移动）`,
          en: `${w.en} is on row ${p.row}, expected row ${p.planned} (rows inserted, deleted or moved)`,
        };
      case "row-inserted":
        return {
          zh: `第 ${p.row} 行不属于评分表（插入的行）`,
          en: `Row ${p.row} is not part of the scorecard (inserted row)`,
        };
      case "formula-overwritten":
        return {
          zh: `${w.zh}的公式被手工数值“${p.value}”覆盖`,
          en: `${w.en}: the formula was replaced by the typed value "${p.value}"`,
        };
      case "formula-changed":
        return { zh: `${w.zh}的公式被修改`, en: `${w.en}: the formula was changed` };
      case "meta-missing":
        return { zh: `缺少“${p.what}”信息`, en: `"${p.what}" is missing` };
      case "unknown-edition":
        return {
          zh: `未知的标准版本“${p.value}”，按默认版本读取`,
          en: `Unknown edition "${p.value}"; read with the default edition`,
        };
      case "validation-removed":
        return { zh: `${w.zh}的数据验证被删除`, en: `${w.en}: data validation was removed` };
      case "protection-removed":
        return { zh: "工作表保护已被撤销", en: "Sheet protection was removed" };
      case "duplicate-station":
        return {
          zh: `服务站“${p.station}”有多张评分表（${p.sheets}）`,
          en: `Station "${p.station}" has more than one scorecard (${p.sheets})`,
        };
      case "edited-after-submit":
        return {
          zh: `提交后自评得分被修改（提交于 ${p.time}）`,
          en: `Self-assessment edited after submission (submitted ${p.time})`,
        };
      case "no-evidence":
        return {
          zh: `${w.zh}已得分，但未填写佐证材料`,
          en: `${w.en} is scored but has no evidence (佐证材料)`,
        };
    }
  })();
  return { zh: m.zh + at.zh, en: m.en + at.en };
}
