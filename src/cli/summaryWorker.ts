// A worker thread of `scorecard summary`: reads one file per message and answers with what summary keeps of it.
import { parentPort } from "worker_threads";
import type { Lang } from "../i18n/types";
import { readStationFile } from "./stationRead";

export interface SummaryJob {
  readonly file: string;
  readonly lang: Lang;
  /** Whether the reads themselves are wanted (their copies may go into the roll-up), or their facts only. */
  readonly withReads: boolean;
}

parentPort?.on("message", (job: SummaryJob) => {
  void readStationFile(job.file, job.lang, job.withReads).then((result) => parentPort?.postMessage(result));
});
