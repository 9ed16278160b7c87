import { afterEach, describe, expect, test } from '@jest/globals';

import { SlackSimulator } from '../../src/simulator/index.js';
import { createTestApp } from './test-app.js';
import type { TestApp } from './test-app.js';

// @slack/socket-mode 3.1 closes a connection when no server ping arrives within
// serverPingTimeout (default 30 000 ms), counted from the previous ping. The timer starts with
// the first ping, so the second test shows that a too-slow simulator does get disconnected.

let simulator: SlackSimulator | undefined;
let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.app.stop();
  await simulator?.stop();
  testApp = undefined;
  simulator = undefined;
});

async function startPair(pingIntervalMs: number | undefined, serverPingTimeout?: number) {
  const started = await SlackSimulator.start(
    pingIntervalMs === undefined ? {} : { pingIntervalMs },
  );
  simulator = started;
  testApp = createTestApp(started, { serverPingTimeout });
  await testApp.app.start();
  await started.waitForConnection();
  const disconnects: number[] = [];
  started.on('disconnected', (info) => disconnects.push(info.connectionId));

  return { simulator: started, disconnects };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('server pings', () => {
  test('frequent pings keep client connected', async () => {
    const pair = await startPair(300, 1000);
    await sleep(3500);

    expect(pair.disconnects).toEqual([]);
    expect(pair.simulator.connectionsOpened).toBe(1);
    expect(pair.simulator.openConnections).toBe(1);
  }, 10_000);

  test('sparse pings let client time out', async () => {
    const pair = await startPair(1500, 1000);
    await sleep(3500);

    expect(pair.disconnects).toEqual([1]);
  }, 10_000);

  test('defaults stay connected past 30 s', async () => {
    const pair = await startPair(undefined);
    await sleep(36_000);
    const result = await pair.simulator.sendSlashCommand({
      user: 'alice',
      channel: 'general',
      text: 'ping',
    });

    expect(pair.disconnects).toEqual([]);
    expect(pair.simulator.connectionsOpened).toBe(1);
    expect(result.connectionId).toBe(1);
  }, 45_000);
});
