import { drawSample, samplePlan, type Sample } from "../rollup";
import { SAMPLE_HEADERS, SAMPLE_SHEET } from "../rollup/labels";
import type { ReadScorecard } from "../sheet/reader";
import type { SheetGrid } from "../sheet/types";
import type { WorkbookPort } from "../workbook/port";
import { entriesHash } from "./submission";
import { GridSheetTakenError, workbookRollup } from "./workbookRollup";

/**
 * The city's sample drawn from this workbook's scorecards. A workbook has no files to hash, so each scorecard
 * is recorded with the hash of its entries (both columns), the same change detector the submission lock uses.
 */
export function workbookSample(
  reads: readonly ReadScorecard[],
  o: { rate: number; seed: string; time: Date },
): Sample {
  const { rollup } = workbookRollup(reads);
  const inputs = reads.map((r) => ({
    name: r.sheet,
    hash: `${entriesHash(r.layout.entryIds, r.entries.self)}/${entriesHash(r.layout.entryIds, r.entries.review)}`,
  }));
  return drawSample(rollup, { ...o, inputs });
}

/** Draws the 抽查名单 sheet through the port (refusing a sheet of that name the add-in did not draw). */
export async function renderSample(
  port: WorkbookPort,
  grids: readonly SheetGrid[],
  reads: readonly ReadScorecard[],
  o: { rate: number; seed: string; time: Date },
): Promise<Sample> {
  const sample = workbookSample(reads, o);
  const plan = samplePlan(sample);
  // A 抽查名单 the add-in drew has the table's header where the plan puts it; anything else is someone's sheet.
  const headerRow = plan.cells.findIndex((row) => row[0]?.style === "header");
  const taken = grids.find((g) => g.name === SAMPLE_SHEET);
  if (taken && !SAMPLE_HEADERS.every((h, c) => String(taken.values[headerRow]?.[c] ?? "").trim() === h))
    throw new GridSheetTakenError(SAMPLE_SHEET);
  await port.renderGrid(plan);
  await port.select(SAMPLE_SHEET, "A1");
  return sample;
}
