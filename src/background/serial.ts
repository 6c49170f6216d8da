/**
 * Read-modify-write steps on the same stored data must not interleave (two tabs reporting at once must not
 * lose a visit; a page report and a request note for one tab must not overwrite each other). Only ordering
 * lives here: the data itself is in storage, so a restarted worker loses nothing.
 */
export class SerialQueues<K> {
  readonly #tails = new Map<K, Promise<unknown>>();

  /** Runs `task` after every task queued before it under the same key; a failed task does not block the next. */
  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.#tails.set(key, settled);
    void settled.then(() => {
      if (this.#tails.get(key) === settled) this.#tails.delete(key);
    });
    return next;
  }
}

/** One queue per kind of stored data the worker rewrites. */
export const serial = new SerialQueues<string>();

/**
 * One run of a task at a time, shared: whoever asks while it runs gets the running promise instead of a second
 * run. `again` asks for one more run right after the current one settles, however it ends, so a request made
 * during a run (a "Check now" during an alarm's poll) is never lost, nor blocked by a run that failed.
 */
export class SharedRun<T> {
  #running: Promise<T> | null = null;
  #next: Promise<T> | null = null;

  /** The running task, or `task` started now. */
  run(task: () => Promise<T>): Promise<T> {
    if (this.#running) return this.#running;
    const run = task().finally(() => {
      this.#running = null;
    });
    this.#running = run;
    return run;
  }

  /** `task` now when nothing runs, else once after the running task settles (shared by all who ask meanwhile). */
  again(task: (queued: boolean) => Promise<T>): Promise<T> {
    const running = this.#running;
    if (!running) return this.run(() => task(false));
    this.#next ??= running.then(noop, noop).then(() => {
      this.#next = null;
      return this.again(() => task(true));
    });
    return this.#next;
  }
}

function noop(): void {}
