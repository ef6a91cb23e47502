// EventEngine.idle(): resolves once everything put before the call has reached its handlers, including events
// put by handlers of a batch in flight and events put before the engine started.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventEngine } from '../../src/core/event.js';
import { createLog } from '../../src/core/object.js';

const log = (msg: string) => createLog(msg, 'T');

test('idle resolves after every event put before it is dispatched, not before', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const seen: string[] = [];
  ee.register('log', (e) => void seen.push(e.data.msg));
  ee.put('log', log('before start'));
  ee.start();
  for (let i = 0; i < 100; i++) ee.put('log', log(`m${i}`));
  const idle = ee.idle();
  assert.is(seen.length, 0, 'put only queues');
  await idle;
  assert.is(seen.length, 101);
  assert.is(seen[100], 'm99');
  ee.stop();
});

test('idle called from a handler waits for that batch and what it put', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const seen: string[] = [];
  let inner: Promise<void> | undefined;
  ee.register('log', (e) => {
    seen.push(e.data.msg);
    if (e.data.msg === 'first') {
      ee.put('log', log('put by a handler'));
      inner = ee.idle().then(() => void seen.push('idle'));
    }
  });
  ee.start();
  ee.put('log', log('first'));
  ee.put('log', log('second'));
  await ee.idle();
  await inner;
  assert.equal(seen, ['first', 'second', 'put by a handler', 'idle']);
  ee.stop();
});

test('idle resolves at once on a stopped engine, and stop releases waiters', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  ee.put('log', log('queued while stopped'));
  await ee.idle(); // would hang if it waited for a dispatch that never comes
  ee.start();
  await ee.idle();
  assert.is(ee.dispatchedCount, 1);
  ee.put('log', log('x'));
  const waiting = ee.idle();
  ee.stop(); // drains, then nothing is left to wait for
  await waiting;
  assert.is(ee.dispatchedCount, 2);
});

test.run();
