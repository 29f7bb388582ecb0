/*
 * The page's loader in a process of its own (test/hostile.test.ts bundles and runs it, to measure its peak RSS):
 * each file given is opened as the standalone page opens it (XlsxPort.load: fflate and the JavaScript CRC-32),
 * and told on one JSON line: the scorecards read, or the refusal with the pane's reasons. Then the peak RSS (kB)
 * goes to fd 3.
 */
import { readFileSync, writeSync } from "fs";
import { refusal, FileRefusedError } from "../../src/taskpane/file/refusal";
import { XlsxPort, readScorecards } from "../../src/xlsx";
import type { WorkbookFormatError } from "../../src/xlsx/format";

async function main(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const started = Date.now();
    try {
      const port = await XlsxPort.load(readFileSync(file));
      const scorecards = readScorecards(port.workbook).map(({ sheet, entries, scores }) => ({
        sheet,
        entries,
        scores,
      }));
      console.log(JSON.stringify({ file, ms: Date.now() - started, scorecards }));
    } catch (e) {
      const { problem, limit, damage, part } = e as WorkbookFormatError;
      const refused = refusal(e);
      const reasons = refused instanceof FileRefusedError ? refused.reasons : null;
      console.log(JSON.stringify({ file, ms: Date.now() - started, problem, limit, damage, part, reasons }));
    }
  }
  writeSync(3, String(process.resourceUsage().maxRSS));
}

void main(process.argv.slice(2));
