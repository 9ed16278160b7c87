// Benchmarks formGroups against a plain random grouping of the same people.
//
// Run: npm run build && node dist/scripts/bench-matching.js [--runs 3] [--max-seconds 120]
//
// Every case uses 50 past rounds in which all the people took part, grouped at random, which
// is denser than a channel whose members skip rounds. Each case runs `--runs` times with
// different seeds and prints the median times. The benchmark stops starting new cases once
// `--max-seconds` have passed, and each formGroups call keeps its own default limits.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

import { countRepeatPairs, formGroups, formRandomGroups } from '../src/matching/index.js';
import type { PairingHistory } from '../src/matching/index.js';

// Large channels, where history rarely forces a repeat, and then small channels in groups of
// 8, where 50 rounds have grouped nearly everyone together and the search limits bind.
const CASES: [peopleCount: number, groupSize: number][] = [
  [1_000, 2],
  [1_000, 4],
  [5_000, 2],
  [5_000, 4],
  [10_000, 2],
  [10_000, 4],
  [20_000, 2],
  [20_000, 4],
  [200, 8],
  [500, 8],
];
const HISTORY_ROUNDS = 50;

interface CaseResult {
  matchMs: number;
  randomMs: number;
  repeatsLeft: number;
  randomRepeats: number;
  evaluations: number;
  stoppedBy: string;
}

function parseOptions(): { runs: number; maxSeconds: number } {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'max-seconds': { type: 'string', default: '120' },
    },
  });
  const runs = Number(values.runs);
  const maxSeconds = Number(values['max-seconds']);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
    throw new RangeError(`Invalid --runs ${values.runs}: use an integer from 1 to 20.`);
  }
  if (!(maxSeconds > 0)) {
    throw new RangeError(`Invalid --max-seconds ${values['max-seconds']}: use a number above 0.`);
  }

  return { runs, maxSeconds };
}

function makeHistory(ids: string[], groupSize: number, seed: string): PairingHistory {
  return Array.from({ length: HISTORY_ROUNDS }, (_, i) => ({
    roundsAgo: i + 1,
    groups: formRandomGroups(ids, groupSize, `${seed}-history-${i}`),
  }));
}

function runCase(peopleCount: number, groupSize: number, seed: string): CaseResult {
  const ids = Array.from({ length: peopleCount }, (_, i) => `U${String(i).padStart(6, '0')}`);
  const history = makeHistory(ids, groupSize, seed);

  const matchStart = performance.now();
  const result = formGroups(ids, { groupSize, seed, history });
  const matchMs = performance.now() - matchStart;

  const randomStart = performance.now();
  const random = formRandomGroups(ids, groupSize, seed);
  const randomMs = performance.now() - randomStart;

  return {
    matchMs,
    randomMs,
    repeatsLeft: result.repeatPairs,
    randomRepeats: countRepeatPairs(random, history),
    evaluations: result.evaluations,
    stoppedBy: result.stoppedBy,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main(): void {
  const { runs, maxSeconds } = parseOptions();
  const deadline = performance.now() + maxSeconds * 1000;
  const cpu = cpus();
  console.log(
    `Node ${process.version}, ${cpu.length} CPU cores (${cpu[0]?.model ?? 'unknown model'}), ` +
      `${HISTORY_ROUNDS} rounds of history, median of ${runs} runs`,
  );
  console.log('');
  console.log(
    '| people | size | formGroups ms | random ms | time ratio | repeats left | ' +
      'random repeats | evaluations | stopped by |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|');

  for (const [peopleCount, groupSize] of CASES) {
    if (performance.now() > deadline) {
      console.log(`Skipped the remaining cases because --max-seconds ${maxSeconds} passed.`);

      return;
    }
    const results = Array.from({ length: runs }, (_, run) =>
      runCase(peopleCount, groupSize, `bench-${run}`),
    );
    const matchMs = median(results.map((result) => result.matchMs));
    const randomMs = median(results.map((result) => result.randomMs));
    const ratio = randomMs > 0 ? `${(matchMs / randomMs).toFixed(0)}x` : 'n/a';
    const stopReasons = [...new Set(results.map((result) => result.stoppedBy))].join(', ');
    console.log(
      `| ${peopleCount} | ${groupSize} | ${matchMs.toFixed(0)} | ${randomMs.toFixed(2)} | ` +
        `${ratio} | ${Math.max(...results.map((result) => result.repeatsLeft))} | ` +
        `${median(results.map((result) => result.randomRepeats))} | ` +
        `${median(results.map((result) => result.evaluations))} | ${stopReasons} |`,
    );
  }
}

main();
