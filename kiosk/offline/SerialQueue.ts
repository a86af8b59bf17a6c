/**
 * Runs async tasks one at a time, in the order they were queued, so that
 * sync and offline actions never read and write the cache at once. A task
 * must not queue another and wait for it, which would wait for ever.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    // A failed task must not stop the ones after it.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
