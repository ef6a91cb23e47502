import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventEngine, type AnyEvent } from '../../src/core/event.js';
import { createLog, createTick } from '../../src/core/object.js';
import { Exchange } from '../../src/core/constant.js';
import { nextEvent, settle } from '../helpers/wait.js';

function tick(symbol: string, lastPrice = 1) {
  return createTick({ gatewayName: 'T', symbol, exchange: Exchange.SHFE, datetime: 0, lastPrice });
}

test('keyed handlers run before type handlers, which run before general handlers', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const calls: string[] = [];
  ee.registerGeneral(() => calls.push('general'));
  ee.register('tick', () => calls.push('type'));
  ee.register('tick.rb2501.SHFE', () => calls.push('key'));
  ee.start();
  const t = tick('rb2501');
  ee.put('tick', t, t.vtSymbol);
  await settle(ee);
  assert.equal(calls, ['key', 'type', 'general']);
  ee.stop();
});

test('a keyed handler sees only its key', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const seen: string[] = [];
  ee.register('tick.rb2501.SHFE', (e) => seen.push(e.data.symbol));
  ee.start();
  for (const s of ['au2506', 'rb2501', 'ag2506']) {
    const t = tick(s);
    ee.put('tick', t, t.vtSymbol);
  }
  await settle(ee);
  assert.equal(seen, ['rb2501']);
  ee.stop();
});

test('events are dispatched in the order they were put, across batches', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const seen: number[] = [];
  ee.register('tick', (e) => {
    seen.push(e.data.lastPrice);
    // A handler that puts more events: they come after everything already queued.
    if (e.data.lastPrice < 3) ee.put('tick', tick('x', e.data.lastPrice + 10));
  });
  ee.start();
  for (let i = 1; i <= 4; i++) ee.put('tick', tick('x', i));
  await settle(ee);
  assert.equal(seen, [1, 2, 3, 4, 11, 12]);
  ee.stop();
});

test('put never re-enters handlers synchronously', () => {
  const ee = new EventEngine({ timerInterval: 0 });
  let calls = 0;
  ee.register('tick', () => calls++);
  ee.start();
  ee.put('tick', tick('x'));
  assert.is(calls, 0, 'dispatch must happen later, not inside put');
  ee.drain();
  assert.is(calls, 1);
  ee.stop();
});

test('a throwing handler is logged with the event type and dispatch continues', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const after: number[] = [];
  const logs: string[] = [];
  ee.register('tick', () => {
    throw new Error('boom');
  });
  ee.register('tick', (e) => after.push(e.data.lastPrice));
  ee.register('log', (e) => logs.push(e.data.msg));
  ee.start();
  ee.put('tick', tick('x', 1));
  ee.put('tick', tick('x', 2));
  await settle(ee);
  assert.equal(after, [1, 2]);
  assert.is(logs.length, 2);
  assert.match(logs[0]!, /"tick"/);
  assert.match(logs[0]!, /boom/);
  ee.stop();
});

test('unregister removes a handler, also during dispatch', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const seen: string[] = [];
  const once = () => {
    seen.push('once');
    ee.unregister('tick', once);
  };
  const keyed = () => seen.push('keyed');
  ee.register('tick', once);
  ee.register('tick', () => seen.push('always'));
  ee.register('tick.x.SHFE', keyed);
  ee.unregister('tick.x.SHFE', keyed);
  const general = () => seen.push('general');
  ee.registerGeneral(general);
  ee.unregisterGeneral(general);
  ee.start();
  ee.put('tick', tick('x'), 'x.SHFE');
  ee.put('tick', tick('x'), 'x.SHFE');
  await settle(ee);
  assert.equal(seen, ['once', 'always', 'always']);
  ee.stop();
});

test('registering the same handler twice calls it once', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  let n = 0;
  const h = () => n++;
  ee.register('log', h);
  ee.register('log', h);
  ee.start();
  ee.put('log', createLog('hi'));
  await settle(ee);
  assert.is(n, 1);
  ee.stop();
});

test('the timer puts timer events at the configured interval and stops with the engine', async () => {
  const ee = new EventEngine({ timerInterval: 1 });
  ee.start();
  const first = await nextEvent(ee, 'timer');
  const second = await nextEvent(ee, 'timer');
  assert.ok(second.data >= first.data, 'timer timestamps do not go backwards');
  ee.stop();
  // After stop no handle is left: this process exits (the runner reports files that do not).
});

test('general handlers receive every event type with narrowed data', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const types: string[] = [];
  ee.registerGeneral((e: AnyEvent) => {
    if (e.type === 'tick') types.push(`tick:${e.data.symbol}`);
    else types.push(e.type);
  });
  ee.start();
  ee.put('log', createLog('x'));
  ee.put('tick', tick('rb'));
  await settle(ee);
  assert.equal(types, ['log', 'tick:rb']);
  ee.stop();
});

test('events put before start are dispatched once started', async () => {
  const ee = new EventEngine({ timerInterval: 0 });
  const seen: string[] = [];
  ee.register('log', (e) => seen.push(e.data.msg));
  ee.put('log', createLog('early'));
  ee.start();
  await settle(ee);
  assert.equal(seen, ['early']);
  ee.stop();
});

test.run();
