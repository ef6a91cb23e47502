// The sliding window that keeps trading requests under OpenD's per-30 s limit, on a fake clock.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SlidingWindowPacer, type WindowClock } from '../../../gateways/futu/pacer.js';

class FakeClock implements WindowClock {
  t = 0;
  timers: Array<{ at: number; fn: () => void }> = [];
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.t + ms, fn };
    this.timers.push(timer);
    return timer;
  }
  clearTimeout(h: unknown): void {
    this.timers = this.timers.filter((x) => x !== h);
  }
  advance(ms: number): void {
    this.t += ms;
    for (const due of this.timers.filter((x) => x.at <= this.t)) {
      this.timers = this.timers.filter((x) => x !== due);
      due.fn();
    }
  }
}

test('at most `limit` requests in any window; the rest go out in order as slots free', () => {
  const clock = new FakeClock();
  const sent: Array<[number, number]> = [];
  const pacer = new SlidingWindowPacer(3, 30_000, clock);
  for (let i = 0; i < 7; i++) pacer.run(() => sent.push([i, clock.t]));
  assert.equal(sent, [
    [0, 0],
    [1, 0],
    [2, 0],
  ]);
  assert.is(pacer.backlog, 4);
  clock.advance(29_999);
  assert.is(sent.length, 3, 'not a moment early');
  clock.advance(1);
  assert.equal(sent.slice(3), [
    [3, 30_000],
    [4, 30_000],
    [5, 30_000],
  ]);
  clock.advance(30_000);
  assert.equal(sent.slice(6), [[6, 60_000]]);
  assert.is(pacer.backlog, 0);
});

test('clear drops what waits and its timer', () => {
  const clock = new FakeClock();
  let n = 0;
  const pacer = new SlidingWindowPacer(1, 1000, clock);
  pacer.run(() => n++);
  pacer.run(() => n++);
  pacer.clear();
  assert.is(clock.timers.length, 0);
  clock.advance(5000);
  assert.is(n, 1);
});

test.run();
