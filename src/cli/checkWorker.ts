// A worker thread of `scorecard check`: checks one file per message and answers with its FileCheck.
import { parentPort } from "worker_threads";
import type { Lang } from "../i18n/types";
import { checkFile } from "./commands/check";

export interface CheckJob {
  readonly file: string;
  readonly lang: Lang;
}

parentPort?.on("message", (job: CheckJob) => {
  void checkFile(job.file, job.lang).then((result) => parentPort?.postMessage(result));
});
