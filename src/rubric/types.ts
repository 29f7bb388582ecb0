/** How an item's points may be awarded. */
export type AwardRule =
  /** Items 1–70: any value from 0 to the maximum in half-point steps. */
  | { readonly kind: "points" }
  /** Item 74 (酌情加分): like points, at the reviewer's discretion. */
  | { readonly kind: "discretionary" }
  /** Item 73: either nothing or the full maximum. */
  | { readonly kind: "all-or-nothing" }
  /** Items 71 and 72: 0 or one of the fixed tiers. */
  | { readonly kind: "tiers"; readonly tiers: readonly Tier[] };

export interface Tier {
  readonly points: number;
  /** Level as printed, e.g. 中央 / 省部级 / 厅局级. */
  readonly level: string;
  readonly levelEn: string;
  /** The clause of the item text that grants this tier, verbatim. */
  readonly label: string;
  readonly labelEn: string;
}

export interface ItemSource {
  readonly no: number;
  readonly max: number;
  /** 创建标准, verbatim. */
  readonly text: string;
}

export interface BonusItemSource extends ItemSource {
  readonly award: AwardRule;
}

export interface TaskSource {
  /** 具体任务; null where the notice prints none (服务满意度). */
  readonly name: string | null;
  readonly nameEn: string | null;
  readonly items: readonly ItemSource[];
}

export interface CategorySource {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  /** The 主要内容 cell as printed, e.g. 思想政治教育（22分）. */
  readonly heading: string;
  readonly max: number;
  readonly tasks: readonly TaskSource[];
}

export interface VetoCondition {
  /** Entry key, e.g. "75.1". */
  readonly key: string;
  readonly text: string;
  readonly textEn: string;
}

export interface NoticeFacts {
  readonly documentNo: string;
  readonly issuer: string;
  readonly title: string;
  readonly issued: string;
  readonly year: number;
  /** Share of the named stations that must reach the grade. */
  readonly targetRate: number;
  readonly stations: readonly string[];
  /** The notice's steps (实施步骤), ISO dates; a check within a step names that step in partOf. */
  readonly timeline: readonly TimelineStep[];
}

export interface TimelineStep {
  readonly step: string;
  readonly stepEn: string;
  readonly from?: string;
  readonly by: string;
  readonly partOf?: string;
}

/** One edition of the standard, as data. A new edition is a new file of this shape. */
export interface RubricSource {
  readonly edition: string;
  readonly title: string;
  readonly titleEn: string;
  /** How the pane names the edition in a list: 试行标准（2020）. */
  readonly shortTitle: string;
  readonly shortTitleEn: string;
  /** The campaign years the edition is used for, ascending (the 2020 notice: 2020 to 2022, once a year). */
  readonly years: readonly number[];
  /** 90 inclusive, bonus included. */
  readonly passLine: number;
  readonly baseMax: number;
  readonly categories: readonly CategorySource[];
  readonly bonus: {
    readonly name: string;
    readonly nameEn: string;
    readonly heading: string;
    readonly cap: number;
    readonly sameMatterRule: string;
    /** Items that may cite the same matter; then only the highest of them counts. */
    readonly sameMatterItems: readonly number[];
    readonly items: readonly BonusItemSource[];
  };
  readonly veto: {
    readonly no: number;
    readonly name: string;
    readonly nameEn: string;
    readonly text: string;
    readonly conditions: readonly VetoCondition[];
  };
  readonly notes: readonly string[];
  readonly notice?: NoticeFacts;
}

export type Section = "base" | "bonus";

/** A scored item (1–74) with everything a renderer or the engine needs. */
export interface Item {
  readonly id: string;
  readonly no: number;
  readonly text: string;
  readonly max: number;
  readonly section: Section;
  /** Category id; "bonus" for 71–74. */
  readonly categoryId: string;
  readonly task: string | null;
  readonly taskEn: string | null;
  readonly award: AwardRule;
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly heading: string;
  readonly max: number;
  readonly items: readonly Item[];
  readonly tasks: readonly { name: string | null; nameEn: string | null; items: readonly Item[] }[];
}

/** A validated edition with flattened lookups. */
export interface Rubric extends Omit<RubricSource, "categories" | "bonus"> {
  readonly categories: readonly Category[];
  readonly bonus: Omit<RubricSource["bonus"], "items"> & { readonly items: readonly Item[] };
  /** Items 1–74 in order. */
  readonly items: readonly Item[];
  readonly baseItems: readonly Item[];
  readonly itemById: ReadonlyMap<string, Item>;
}
