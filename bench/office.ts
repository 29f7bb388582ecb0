/*
 * Figures for the Office.js path, on the in-memory fake of Excel (test/support/fakeExcel.ts): context.sync()
 * counts for a populate and for reading 1, 17 and 100 scorecards, and the time the adapter and reader spend.
 * Real Excel adds a network or IPC round trip per sync, which is why the counts matter more than the times.
 *   npx tsx bench/office.ts
 */
import { OfficePort } from "../src/excel";
import { getRubric } from "../src/rubric";
import { buildPlan, planToGrid, readScorecard } from "../src/sheet";
import { populate } from "../src/workbook";
import { FakeExcel } from "../test/support/fakeExcel";

const rubric = getRubric();
const portOf = (fake: FakeExcel): OfficePort =>
  new OfficePort({ run: fake.run, isSetSupported: fake.isSetSupported });

async function main(): Promise<void> {
  const fresh = new FakeExcel();
  await populate(portOf(fresh), { rubric, station: "巴川街道", year: 2020 });
  console.log(`populate a new scorecard: ${fresh.syncCount} syncs in ${fresh.runs.length} Excel.run calls`);
  const renderOnly = new FakeExcel();
  await portOf(renderOnly).render(buildPlan({ rubric, station: "巴川街道", year: 2020 }));
  console.log(`render (the populate's drawing run alone): ${renderOnly.syncCount} syncs`);

  for (const count of [1, 17, 100]) {
    const fake = new FakeExcel();
    for (let i = 0; i < count; i++) {
      const plan = buildPlan({ rubric, station: `第${i + 1}服务站`, year: 2020 });
      fake.seedScorecard(plan, planToGrid(plan));
    }
    const t0 = performance.now();
    const grids = await portOf(fake).readGrids();
    const reads = grids.map(readScorecard);
    const t = performance.now() - t0;
    console.log(
      `read ${count} scorecard(s) through the mocked Office.js path: ${fake.syncCount} syncs, ${t.toFixed(1)} ms (${reads.length} read)`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
