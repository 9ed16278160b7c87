/**
 * Tracks the Slack requests being handled, so shutdown can wait for them to finish after it
 * stops taking new ones.
 */
export class InFlight {
  readonly #pending = new Set<Promise<unknown>>();
  #draining = false;

  get draining(): boolean {
    return this.#draining;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** From now on, new requests are turned away with a "restarting" reply. */
  startDraining(): void {
    this.#draining = true;
  }

  /** Runs `work` and keeps it in the set until it settles; rejections pass through. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.#pending.add(promise);
    try {
      return await promise;
    } finally {
      this.#pending.delete(promise);
    }
  }

  /**
   * Marks the process as draining and waits for the tracked work to settle, or for
   * `timeoutMs`. Returns how many requests were still running when it gave up.
   */
  async drain(timeoutMs: number): Promise<number> {
    this.#draining = true;
    const deadline = Date.now() + timeoutMs;
    while (this.#pending.size > 0 && Date.now() < deadline) {
      const timer = new Promise((resolve) => setTimeout(resolve, Math.min(100, timeoutMs)));
      await Promise.race([Promise.allSettled([...this.#pending]), timer]);
    }

    return this.#pending.size;
  }
}
