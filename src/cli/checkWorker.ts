// A worker thread of `scorecard check`: checks one file per message and answers with its rendered report.
import { parentPort } from "worker_threads";
import type { Lang } from "../i18n/types";
import { checkAndRender, type RunOptions } from "./commands/check";

export interface CheckJob {
  readonly file: string;
  readonly lang: Lang;
  readonly options: RunOptions;
}

parentPort?.on("message", (job: CheckJob) => {
  void checkAndRender(job.file, job.lang, job.options).then((result) => parentPort?.postMessage(result));
});
