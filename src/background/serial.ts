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
