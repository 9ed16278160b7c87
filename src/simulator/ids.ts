/**
 * Deterministic identifiers and message timestamps for the Slack simulator.
 *
 * Ids come from counters, and so do ts strings unless the clock follows the wall clock. The same
 * sequence of simulator calls then produces the same ids and ts strings, for tests to assert on.
 */
export class IdSource {
  readonly #counters = new Map<string, number>();
  readonly #runId: number;

  /**
   * `runId` 0 keeps every id deterministic. Any other value goes into trigger ids, so a bot
   * that remembers trigger ids across restarts (as Mate does to drop redeliveries) never sees
   * one again from a later simulator run, just as Slack's are unique.
   */
  constructor(runId = 0) {
    this.#runId = runId;
  }

  #nextCount(kind: string): number {
    const count = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, count);

    return count;
  }

  /**
   * Returns the next Slack-style id for a prefix: 'U' gives U00000001, U00000002, and so on.
   * Each prefix has its own counter.
   */
  next(prefix: string): string {
    const count = this.#nextCount(prefix);

    return prefix + count.toString(36).toUpperCase().padStart(8, '0');
  }

  /** Returns the next envelope id, shaped like the UUIDs Slack puts on Socket Mode envelopes. */
  nextEnvelopeId(): string {
    const count = this.#nextCount('envelope');

    return `00000000-0000-4000-8000-${count.toString(16).padStart(12, '0')}`;
  }

  /** Returns the next client_msg_id, also a UUID in Slack's payloads. */
  nextClientMessageId(): string {
    const count = this.#nextCount('client_msg_id');

    return `00000000-0000-4000-9000-${count.toString(16).padStart(12, '0')}`;
  }

  /** Returns the next trigger id, shaped like Slack's "<digits>.<digits>.<hex>" trigger ids. */
  nextTriggerId(): string {
    const count = this.#nextCount('trigger');
    const middle = this.#runId === 0 ? 2000000000 + count : this.#runId;

    return `${1000000000 + count}.${middle}.${count.toString(16).padStart(32, '0')}`;
  }

  /** Returns the next opaque token for a response_url path. */
  nextResponseUrlId(): string {
    const count = this.#nextCount('response_url');

    return `R${count.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** Returns the next Socket Mode connection ticket. */
  nextTicket(): string {
    const count = this.#nextCount('ticket');

    return `ticket-${count.toString(16).padStart(8, '0')}`;
  }
}

/**
 * Source of Slack message timestamps ("1765000000.000100": seconds, a dot, six digits of
 * microseconds). Each call returns a strictly greater ts than the one before.
 *
 * In 'deterministic' mode the clock starts at `epochSeconds` and advances 100 microseconds per
 * ts. In 'wall' mode it follows the system clock, still strictly increasing, for interactive use
 * where real times read better. Given a function returning milliseconds since the epoch, it
 * follows that function the way 'wall' follows the system clock, so a test that moves its own
 * clock sees Slack's timestamps move with it.
 */
export class TsClock {
  readonly #now: (() => number) | undefined;

  #lastMicros: bigint;

  constructor(epochSeconds: number, mode: 'deterministic' | 'wall' | (() => number)) {
    if (!Number.isInteger(epochSeconds) || epochSeconds < 0) {
      throw new RangeError(`epochSeconds must be a non-negative integer, got ${epochSeconds}`);
    }
    if (mode === 'wall') {
      this.#now = () => Date.now();
    } else if (mode === 'deterministic') {
      this.#now = undefined;
    } else {
      this.#now = mode;
    }
    this.#lastMicros = BigInt(epochSeconds) * 1_000_000n;
  }

  /** Returns the next message ts. */
  nextTs(): string {
    const step = this.#lastMicros + 100n;
    const wall = this.#now ? BigInt(Math.floor(this.#now())) * 1000n : 0n;
    this.#lastMicros = wall > step ? wall : step;

    return formatMicros(this.#lastMicros);
  }

  /** Returns the last issued time in whole seconds, as Slack's event_time and `created` fields. */
  nowSeconds(): number {
    if (this.#now) {
      return Math.max(Math.floor(this.#now() / 1000), Number(this.#lastMicros / 1_000_000n));
    }

    return Number(this.#lastMicros / 1_000_000n);
  }
}

function formatMicros(micros: bigint): string {
  const seconds = micros / 1_000_000n;
  const fraction = micros % 1_000_000n;

  return `${seconds}.${fraction.toString().padStart(6, '0')}`;
}

/** Compares two Slack ts strings numerically. */
export function compareTs(a: string, b: string): number {
  const difference = tsToMicros(a) - tsToMicros(b);
  if (difference === 0n) {
    return 0;
  }

  return difference < 0n ? -1 : 1;
}

/** Converts a ts string such as "1765000000.000100" or "1765000000" to microseconds. */
export function tsToMicros(ts: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) {
    throw new RangeError(
      `invalid Slack ts "${ts}": expected digits, optionally a dot and up to 6 digits`,
    );
  }
  const [, seconds = '0', fraction = ''] = match;

  return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}
