import { expect, test } from '@jest/globals';

import { KeyedQueue } from '../../src/keyed-queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('same key runs in order', async () => {
  const queue = new KeyedQueue();
  const order: string[] = [];
  await Promise.all([
    queue.run('u1', async () => {
      await sleep(50);
      order.push('join');
    }),
    queue.run('u1', async () => {
      order.push('leave');
    }),
  ]);

  expect(order).toEqual(['join', 'leave']);
});

test('different keys run concurrently', async () => {
  const queue = new KeyedQueue();
  const order: string[] = [];
  await Promise.all([
    queue.run('u1', async () => {
      await sleep(50);
      order.push('u1');
    }),
    queue.run('u2', async () => {
      order.push('u2');
    }),
  ]);

  expect(order).toEqual(['u2', 'u1']);
});

test('failure does not block the next task', async () => {
  const queue = new KeyedQueue();
  const failed = queue.run('u1', async () => {
    throw new Error('boom');
  });
  const next = queue.run('u1', async () => 'ran');

  await expect(failed).rejects.toThrow('boom');
  await expect(next).resolves.toBe('ran');
});
