// RetryLoop: failed tries are retried with growing delays until one succeeds; a success resets the count;
// a try is never scheduled twice; cancel stops the loop.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RetryLoop } from '../../../gateways/common/retry.js';
import { until } from '../../helpers/wait.js';

const options = { baseMs: 1, maxMs: 8, jitter: 0 };

test('retries after each failure until a try succeeds, then resets', async () => {
  const loop = new RetryLoop(options);
  const failures: number[] = [];
  let tries = 0;
  let done = false;
  const attempt = async () => {
    tries += 1;
    if (tries < 3) throw new Error(`no ${tries}`);
    done = true;
  };
  loop.start(attempt, (e, n) => failures.push(n));
  loop.start(attempt, (e, n) => failures.push(n)); // already scheduled: ignored
  await until(() => done, 'the third try');
  assert.is(tries, 3, 'one try at a time, never doubled');
  assert.equal(failures, [1, 2]);
  assert.is(loop.attempts, 0, 'reset after the success');
  assert.not.ok(loop.scheduled);
});

test('an attempt resolving false ends the loop without resetting; cancel stops a scheduled try', async () => {
  const loop = new RetryLoop(options);
  let ran = false;
  loop.start(
    async () => {
      ran = true;
      return false;
    },
    () => {},
  );
  await until(() => ran && !loop.scheduled, 'the try');
  assert.is(loop.attempts, 1);
  let second = false;
  const never = new RetryLoop({ baseMs: 50, maxMs: 50, jitter: 0 });
  never.start(
    async () => {
      second = true;
    },
    () => {},
  );
  never.cancel();
  assert.not.ok(never.scheduled);
  // A later, shorter loop that does run proves the cancelled one had its turn and did not.
  const probe = new RetryLoop({ baseMs: 60, maxMs: 60, jitter: 0 });
  let probed = false;
  probe.start(
    async () => {
      probed = true;
    },
    () => {},
  );
  await until(() => probed, 'the probe');
  assert.not.ok(second, 'the cancelled try never ran');
});

test.run();
