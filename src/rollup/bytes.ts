import type { ReadScorecard } from "../sheet";
import { streamedWorkbookBytes, type Deflate, type StreamedSheet } from "../xlsx/streamed";
import type { Rollup } from "./model";
import { buildRollupPlans, type GridSheetPlan, type RollupPlanOptions } from "./plan";
import { ROLLUP_VIEWS, chartPartsEdit, renderGridPlan, rollupSheets } from "./xlsx";

/*
 * The roll-up workbook as bytes, for the command line (Node only: the scorecard copies are written by
 * ../xlsx/streamed).
 */

/**
 * The roll-up as .xlsx bytes, chart included; `extra` sheets (历年对比) follow the 创建名单, then a copy of the
 * scorecard of each row whose read is among `reads` (a sparse array, by read index; none: no copies). Written a
 * sheet at a time (1,000 stations would otherwise hold a million cells, their model and all the XML at once);
 * the parts are those of buildRollupWorkbook's workbook through addChart. `deflate`: a faster compressor (the
 * CLI passes Node's zlib).
 */
export async function rollupBytes(
  rollup: Rollup,
  reads: readonly (ReadScorecard | undefined)[],
  options: RollupPlanOptions & { readonly extra?: readonly GridSheetPlan[]; readonly deflate?: Deflate } = {},
): Promise<Uint8Array> {
  const plans = buildRollupPlans(rollup, options);
  const { grids, copies } = rollupSheets(rollup, reads, plans, options.extra ?? []);
  // One sheet at a time: the copies' plans are made as the writer reaches them.
  function* sheets(): Generator<StreamedSheet> {
    for (const plan of grids) yield (workbook) => renderGridPlan(workbook, plan);
    yield* copies;
  }
  return streamedWorkbookBytes(sheets(), ROLLUP_VIEWS, chartPartsEdit(plans.chart), options.deflate);
}
