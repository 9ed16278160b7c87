/**
 * A small seeded pseudo-random number generator, so that a round's grouping can be replayed
 * from its stored seed. It is the SFC32 generator (Small Fast Counting, 32-bit state words),
 * seeded from three 32-bit hashes of the seed. It is not cryptographically secure, which grouping
 * does not need.
 */
export interface SeededRandom {
  /** Returns a float in [0, 1). */
  nextFloat(): number;
  /** Returns an integer in [0, bound). `bound` must be an integer from 1 to 2^32. */
  nextInt(bound: number): number;
  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

const TWO_POW_32 = 4294967296;
// Outputs dropped after seeding, so that similar seeds do not start with similar outputs.
const WARM_UP_OUTPUTS = 16;

/**
 * Creates a generator whose sequence depends only on `seed`. A number seed is hashed as its
 * decimal string, so `42` and `'42'` give the same sequence.
 */
export function createRandom(seed: string | number): SeededRandom {
  const text = seedToText(seed);
  let a = hashText(text, 0x9e3779b9);
  let b = hashText(text, 0x85ebca6b);
  let c = hashText(text, 0xc2b2ae35);
  let d = 1;

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;

    return t >>> 0;
  };

  for (let i = 0; i < WARM_UP_OUTPUTS; i++) {
    nextUint32();
  }

  const nextInt = (bound: number): number => {
    if (!Number.isInteger(bound) || bound < 1 || bound > TWO_POW_32) {
      throw new RangeError(`Invalid bound ${bound}: it must be an integer from 1 to 2^32.`);
    }
    // Rejection sampling removes the modulo bias that a plain `% bound` would have.
    const limit = TWO_POW_32 - (TWO_POW_32 % bound);
    let value = nextUint32();
    while (value >= limit) {
      value = nextUint32();
    }

    return value % bound;
  };

  return {
    nextFloat: () => nextUint32() / TWO_POW_32,
    nextInt,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = nextInt(i + 1);
        const item = items[i];
        items[i] = items[j];
        items[j] = item;
      }

      return items;
    },
  };
}

function seedToText(seed: string | number): string {
  if (typeof seed === 'string') {
    return seed;
  }
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`Invalid seed ${String(seed)}: use a string or a finite number.`);
  }

  return String(seed);
}

/** Hashes UTF-16 code units into 32 bits: a multiply-xor pass, then the MurmurHash3 finaliser. */
function hashText(text: string, salt: number): number {
  let hash = salt ^ text.length;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;

  return hash | 0;
}
