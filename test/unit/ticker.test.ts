import { afterEach, expect, jest, test } from '@jest/globals';

import { startMinuteTicker } from '../../src/scheduler/ticker.js';
import { captureLogs } from '../helpers/logs.js';

afterEach(() => {
  jest.useRealTimers();
});

test('ticker fires once a minute', async () => {
  jest.useFakeTimers({ now: new Date('2026-12-07T00:00:30Z') });
  const onTick = jest.fn(async () => undefined);
  const task = startMinuteTicker(() => onTick(), captureLogs().logger);

  await jest.advanceTimersByTimeAsync(29_000);
  expect(onTick).toHaveBeenCalledTimes(0);
  await jest.advanceTimersByTimeAsync(2_000);
  expect(onTick).toHaveBeenCalledTimes(1);
  await jest.advanceTimersByTimeAsync(3 * 60_000);
  expect(onTick).toHaveBeenCalledTimes(4);
  await task.destroy();
});

test('ticker skips a minute while a tick runs', async () => {
  jest.useFakeTimers({ now: new Date('2026-12-07T00:00:59Z') });
  let finish: () => void = () => undefined;
  const onTick = jest.fn(
    () =>
      new Promise<void>((resolve) => {
        finish = resolve;
      }),
  );
  const logs = captureLogs();
  const task = startMinuteTicker(() => onTick(), logs.logger);

  await jest.advanceTimersByTimeAsync(2_000);
  await jest.advanceTimersByTimeAsync(60_000);
  expect(onTick).toHaveBeenCalledTimes(1);
  finish();
  await jest.advanceTimersByTimeAsync(60_000);
  expect(onTick).toHaveBeenCalledTimes(2);
  expect(logs.text()).toMatch(/"component":"node-cron".*overlap prevention/);
  await task.destroy();
});
