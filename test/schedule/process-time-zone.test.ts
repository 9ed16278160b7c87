import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from '@jest/globals';

// Jest gives each test file its own copy of process.env, so setting TZ inside a test does not
// reach Node's clock. Run the suite under several TZ values for that, and check here that the
// schedule code never calls a Date API that reads the process time zone.
const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/schedule');

const LOCAL_TIME_APIS: [string, RegExp][] = [
  [
    'local Date getter or setter',
    /\.(?:get|set)(?:FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds|TimezoneOffset)\(/,
  ],
  ['Date constructor with fields', /new Date\([^()]*,/],
  ['locale string', /\.toLocale(?:Date|Time)?String\(/],
  ['Date.parse', /Date\.parse\(/],
  ['toString of a Date', /\.to(?:Date|Time)?String\(\)/],
];

test('schedule code avoids process time zone', async () => {
  const files = (await readdir(SOURCE_DIR)).filter((name) => name.endsWith('.ts'));
  const findings: string[] = [];
  for (const file of files) {
    const lines = (await readFile(path.join(SOURCE_DIR, file), 'utf8')).split('\n');
    lines.forEach((line, index) => {
      for (const [label, pattern] of LOCAL_TIME_APIS) {
        if (pattern.test(line)) {
          findings.push(`${file}:${index + 1} ${label}: ${line.trim()}`);
        }
      }
    });
  }

  expect(files.length).toBeGreaterThan(3);
  expect(findings).toEqual([]);
});

test('pattern catches local getter', () => {
  const [, pattern] = LOCAL_TIME_APIS[0]!;

  expect(pattern.test('date.getHours()')).toBe(true);
  expect(pattern.test('date.getUTCHours()')).toBe(false);
});
