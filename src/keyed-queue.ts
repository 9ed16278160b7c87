/**
 * Runs tasks that share a key one after another, in the order they were queued, while tasks
 * with different keys run concurrently. Mate keys each request by user, so a Join followed
 * quickly by a Leave takes effect in that order even though both were acknowledged at once.
 * The order is kept within one process only.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.#tails.get(key) === tail) {
        this.#tails.delete(key);
      }
    }
  }
}
