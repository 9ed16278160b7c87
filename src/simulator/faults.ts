/**
 * A fault to inject into the next call of a method, one of:
 * - a Slack error string such as 'ratelimited' or 'channel_not_found', returned as HTTP 200 with
 *   `{ ok: false, error }` the way Slack reports method errors,
 * - an HTTP status such as 500, returned with a plain-text body,
 * - `{ status: 429, retryAfter }`, a rate limit with a Retry-After header in seconds.
 */
export type Fault = string | number | { status: number; retryAfter?: number };

/** Method name that matches every method in failNext() and setLatency(). */
export const ANY_METHOD = '*';

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Queued faults and per-method latency for the simulator's HTTP endpoints. */
export class FaultInjector {
  readonly #queued = new Map<string, QueuedFault[]>();
  readonly #latencyMs = new Map<string, number>();

  /** Makes the next `times` calls of `method` fail with `fault`, after faults already queued. */
  failNext(method: string, fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, got ${times}`);
    }
    validateFault(fault);
    const queue = this.#queued.get(method) ?? [];
    queue.push({ fault, remaining: times });
    this.#queued.set(method, queue);
  }

  /** Removes and returns the fault for this call, checking the exact method before ANY_METHOD. */
  take(method: string): Fault | undefined {
    return this.#takeFrom(method) ?? this.#takeFrom(ANY_METHOD);
  }

  #takeFrom(key: string): Fault | undefined {
    const queue = this.#queued.get(key);
    const head = queue?.[0];
    if (!queue || !head) {
      return undefined;
    }
    head.remaining -= 1;
    if (head.remaining === 0) {
      queue.shift();
    }

    return head.fault;
  }

  /** Delays every response of `method` by `ms` milliseconds. A value of 0 removes the delay. */
  setLatency(method: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`latency must be a non-negative number of milliseconds, got ${ms}`);
    }
    if (ms === 0) {
      this.#latencyMs.delete(method);
    } else {
      this.#latencyMs.set(method, ms);
    }
  }

  latencyOf(method: string): number {
    return this.#latencyMs.get(method) ?? this.#latencyMs.get(ANY_METHOD) ?? 0;
  }

  clear(): void {
    this.#queued.clear();
    this.#latencyMs.clear();
  }
}

function validateFault(fault: Fault): void {
  if (typeof fault === 'string') {
    if (!/^[a-z0-9_]+$/.test(fault)) {
      throw new RangeError(`invalid Slack error string "${fault}": use lowercase words joined by _`);
    }
    return;
  }
  const status = typeof fault === 'number' ? fault : fault.status;
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`fault status must be an HTTP error status from 400 to 599, got ${status}`);
  }
  if (typeof fault === 'object' && fault.retryAfter !== undefined) {
    if (!Number.isInteger(fault.retryAfter) || fault.retryAfter < 0) {
      throw new RangeError(`retryAfter must be a non-negative whole number of seconds`);
    }
  }
}
