import { existsSync } from "fs";
import { Worker } from "worker_threads";

/**
 * Runs `fn` over `items` with at most `window` in flight and yields the results in the items' order, so a
 * report can be written file by file while later files are still being read. `fn` must not reject.
 */
export async function* orderedMap<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  window: number,
): AsyncGenerator<R> {
  const started: Promise<R>[] = [];
  const start = (i: number): void => {
    if (i < items.length) started[i] = fn(items[i]);
  };
  for (let i = 0; i < Math.max(1, window); i++) start(i);
  for (let i = 0; i < items.length; i++) {
    const result = await started[i];
    delete started[i];
    start(i + Math.max(1, window));
    yield result;
  }
}

interface Job<O> {
  readonly input: unknown;
  readonly resolve: (value: O) => void;
  readonly reject: (error: unknown) => void;
}

/** A fixed set of worker threads running one script; each job is one message in, one message out. */
export class WorkerPool<I, O> {
  private readonly idle: Worker[] = [];
  private readonly queue: Job<O>[] = [];
  private readonly busy = new Map<Worker, Job<O>>();

  constructor(
    private readonly script: string,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.on("message", (output: O) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      job?.resolve(output);
      this.release(worker);
    });
    // A worker that dies (out of memory, a crash in a parser) fails its job only; a fresh one takes its place.
    worker.on("error", (error) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      job?.reject(error);
      void worker.terminate();
      this.release(this.spawn());
    });
    return worker;
  }

  private release(worker: Worker): void {
    const next = this.queue.shift();
    if (!next) {
      this.idle.push(worker);
      return;
    }
    this.busy.set(worker, next);
    worker.postMessage(next.input);
  }

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const job = { input, resolve, reject };
      const worker = this.idle.pop();
      if (!worker) this.queue.push(job);
      else {
        this.busy.set(worker, job);
        worker.postMessage(input);
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}

/**
 * `check`'s and `summary`'s walk over their files, results in command-line order: on `workers` threads running
 * `script` when there are several and the script exists (beside the compiled CLI), else in-process, one file at
 * a time (`local` reads synchronously: nothing would overlap). `local` must not reject; a file whose worker died
 * comes back as `failed`.
 */
export async function* mapFiles<I, O>(
  files: readonly string[],
  o: {
    readonly script: string;
    readonly workers: number;
    readonly job: (file: string) => I;
    readonly local: (file: string) => Promise<O>;
    readonly failed: (file: string, error: unknown) => O;
  },
): AsyncGenerator<O> {
  const pool = o.workers > 1 && existsSync(o.script) ? new WorkerPool<I, O>(o.script, o.workers) : null;
  const each = (file: string): Promise<O> =>
    pool ? pool.run(o.job(file)).catch((e: unknown) => o.failed(file, e)) : o.local(file);
  try {
    yield* orderedMap(files, each, pool ? o.workers * 2 : 1);
  } finally {
    await pool?.close();
  }
}
