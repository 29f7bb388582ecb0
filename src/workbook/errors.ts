// Apart from populate, which draws the plan: the pane's first load needs this error, not the plan.

/** A sheet of that name exists and is not a scorecard: drawing over it would destroy someone's work. */
export class SheetNameTakenError extends Error {
  constructor(readonly sheet: string) {
    super(
      `工作表“${sheet}”已存在且不是评分表，请先重命名该工作表 / Sheet "${sheet}" exists and is not a scorecard; rename it first`,
    );
    this.name = "SheetNameTakenError";
  }
}
