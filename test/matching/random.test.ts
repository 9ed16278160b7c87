import { describe, expect, test } from '@jest/globals';

import { createRandom } from '../../src/matching/index.js';

function take(seed: string | number, count: number): number[] {
  const random = createRandom(seed);

  return Array.from({ length: count }, () => random.nextFloat());
}

describe('createRandom', () => {
  test('same seed, same sequence', () => {
    expect(take('round-42', 100)).toEqual(take('round-42', 100));
  });

  test('nearby seeds differ', () => {
    const first = take('seed-1', 20);
    const second = take('seed-2', 20);

    expect(first.filter((value, i) => value === second[i])).toEqual([]);
  });

  test('number seed equals its string', () => {
    expect(take(7, 10)).toEqual(take('7', 10));
  });

  test('floats stay in [0, 1)', () => {
    for (const value of take('range', 10_000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  test('integers roughly uniform', () => {
    const random = createRandom('uniform');
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      counts[random.nextInt(10)]++;
    }

    // Each bucket expects 10,000 with a standard deviation near 95, so 500 is over 5 sigma.
    for (const count of counts) {
      expect(Math.abs(count - 10_000)).toBeLessThan(500);
    }
  });

  test('invalid integer bound', () => {
    const random = createRandom('bound');

    expect(() => random.nextInt(0)).toThrow(RangeError);
    expect(() => random.nextInt(2.5)).toThrow('Invalid bound 2.5');
  });

  test('shuffle keeps every item', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = createRandom('shuffle').shuffle([...items]);

    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  test('shuffle positions roughly uniform', () => {
    const random = createRandom('positions');
    const firstItemAt = new Array<number>(5).fill(0);
    for (let i = 0; i < 50_000; i++) {
      firstItemAt[random.shuffle([0, 1, 2, 3, 4]).indexOf(0)]++;
    }

    // Each position expects 10,000 with a standard deviation near 90.
    for (const count of firstItemAt) {
      expect(Math.abs(count - 10_000)).toBeLessThan(500);
    }
  });

  test('invalid seeds', () => {
    expect(() => createRandom(Infinity)).toThrow('Invalid seed Infinity');
    expect(() => createRandom(NaN)).toThrow(RangeError);
  });
});
