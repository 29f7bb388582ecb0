// A worker thread of `scorecard summary`: reads one file per message and answers with what summary keeps of it.
import { parentPort } from "worker_threads";
import type { Lang } from "../i18n/types";
import { readStationFile } from "./stationRead";

export interface SummaryJob {
  readonly file: string;
  readonly lang: Lang;
}

parentPort?.on("message", (job: SummaryJob) => {
  void readStationFile(job.file, job.lang).then((result) => parentPort?.postMessage(result));
});
