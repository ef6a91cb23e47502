// Coalesced: requests during a run fold into one rerun; runs never overlap; no rerun once inactive.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Coalesced } from '../../../gateways/common/coalesce.js';

test('a burst of requests costs the run in progress and one more; runs never overlap', async () => {
  let runs = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let release: () => void = () => {};
  const job = new Coalesced(async () => {
    runs++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((r) => (release = r));
    inFlight--;
  });
  job.request();
  for (let i = 0; i < 10; i++) job.request();
  release();
  await new Promise((r) => setImmediate(r));
  release();
  await job.idle();
  assert.is(runs, 2);
  assert.is(maxInFlight, 1);
});

test('no rerun once inactive', async () => {
  let runs = 0;
  let active = true;
  let release: () => void = () => {};
  const job = new Coalesced(
    async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
    },
    () => active,
  );
  job.request();
  job.request();
  active = false;
  release();
  await job.idle();
  assert.is(runs, 1);
});

test.run();
