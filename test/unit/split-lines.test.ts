import { expect, test } from '@jest/globals';

import { splitLines } from '../../src/rounds/plan.js';

test('short text stays whole', () => {
  expect(splitLines('a\nb', 10)).toEqual(['a\nb']);
});

test('long text splits at line breaks', () => {
  const lines = Array.from({ length: 100 }, (_, i) => `${i + 1}. <@U${String(i).padStart(8, '0')}>`);
  const pieces = splitLines(lines.join('\n'), 200);

  expect(pieces.length).toBeGreaterThan(1);
  expect(pieces.every((piece) => piece.length <= 200)).toBe(true);
  expect(pieces.join('\n')).toBe(lines.join('\n'));
});
