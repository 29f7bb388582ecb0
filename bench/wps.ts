/*
 * Figures for the WPS path, on the strict fake ET (test/support/fakeEt.ts): calls into WPS for drawing a scorecard,
 * reading 1 and 17, and writing an entry, beside writing the same contents one cell at a time. Every call is a
 * synchronous call into the WPS process; the WPS 加载项 docs time 10,000 single-cell writes at about 2 s, 0.2 ms a
 * call, which gives the times printed (estimates, not measured in WPS).
 *   npx tsx bench/wps.ts
 */
import { getRubric } from "../src/rubric";
import { COL, addr, buildPlan, readScorecard } from "../src/sheet";
import { equalRects, lookRects, numberFormatsOf } from "../src/excel/layout";
import { WpsPort } from "../src/wps";
import type { EtHost } from "../src/wps/et";
import { FakeEt } from "../test/support/fakeEt";

const rubric = getRubric();
const MS_PER_CALL = 2000 / 10_000;
const est = (calls: number): string => `${calls} calls (≈${Math.round(calls * MS_PER_CALL)} ms in WPS)`;

function fresh(): { fake: FakeEt; port: WpsPort } {
  const fake = new FakeEt();
  fake.addSheet("Sheet1");
  return { fake, port: new WpsPort({ app: fake.application, events: fake.apiEvent } as EtHost) };
}

async function main(): Promise<void> {
  const plan = buildPlan({ rubric, station: "巴川街道", year: 2020 });
  const { fake, port } = fresh();
  await port.render(plan);
  const cells = plan.cells.length * plan.cells[0].length;
  const formats = equalRects(numberFormatsOf(plan)).length;
  const looks = lookRects(plan.cells.map((row) => row.map((c) => plan.styles[c.style]))).length;
  console.log(`WPS render of a scorecard: ${est(fake.calls)}`);
  console.log(
    `  contents in 1 Formula array and ${formats} number-format rectangles, looks on ${looks} rectangles; ` +
      `beside: contents and number formats cell by cell alone, ${est(4 * cells)}, and each look per cell`,
  );

  for (const count of [1, 17]) {
    const { fake: f, port: p } = fresh();
    for (let i = 0; i < count; i++)
      await p.render(buildPlan({ rubric, station: `第${i + 1}服务站`, year: 2020 }));
    const before = f.calls;
    const t0 = performance.now();
    const reads = (await p.readGrids()).filter((g) => g.values.length > 0).map(readScorecard);
    const t = performance.now() - t0;
    console.log(
      `WPS read of ${count} scorecard(s): ${est(f.calls - before)}, ${t.toFixed(1)} ms here (${reads.length} read)`,
    );
  }

  const before = fake.calls;
  const row = plan.layout.entryRows.get("1") ?? 0;
  await port.write(plan.sheetName, [
    { cell: addr(COL.self, row), value: 2 },
    { cell: addr(COL.review, row), value: 1.5 },
  ]);
  console.log(`WPS write of an entry pair: ${est(fake.calls - before)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
