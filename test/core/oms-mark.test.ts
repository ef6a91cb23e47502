// The OMS marks held positions to each tick's last price. A mark is a position event of its own, put while a
// tick is dispatched; a newer position from the gateway may already be queued behind that tick. The mark must
// never carry the older volume past the newer one (seen as a USD-M position "shrinking" back after a fill).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Product } from '../../src/core/constant.js';
import { EventEngine } from '../../src/core/event.js';
import { createContract, createPosition, createTick, type PositionData } from '../../src/core/object.js';
import { OmsEngine } from '../../src/core/oms.js';

const gatewayName = 'G';
const symbol = 'BTCUSDT';
const exchange = Exchange.BINANCE;

function position(volume: number): PositionData {
  return createPosition({ gatewayName, symbol, exchange, direction: Direction.NET, volume, price: 90000 });
}

function setup() {
  const ee = new EventEngine({ timerInterval: 0 });
  const oms = new OmsEngine(ee);
  const seen: PositionData[] = [];
  ee.registerGeneral((e) => {
    if (e.type === 'position') seen.push(e.data);
  });
  ee.put(
    'contract',
    createContract({
      gatewayName,
      symbol,
      exchange,
      name: 'BTC',
      product: Product.FUTURES,
      size: 1,
      pricetick: 0.1,
    }),
  );
  ee.put('position', position(0.001));
  ee.drain();
  return { ee, oms, seen };
}

const tick = (lastPrice: number) =>
  createTick({ gatewayName, symbol, exchange, datetime: Date.now(), lastPrice });

test('a mark put while a newer position is queued does not bring the older volume back', () => {
  const { ee, oms, seen } = setup();
  const id = position(0).vtPositionid;
  // One batch: the tick (marks the 0.001 position) and, queued behind it, the gateway's 0.002.
  ee.put('tick', tick(96500));
  ee.put('position', position(0.002));
  ee.drain();
  assert.is(oms.getPosition(id)?.volume, 0.002, 'the OMS holds the newer volume');
  const last = seen[seen.length - 1]!;
  assert.is(last.volume, 0.002, 'the last position event carries the newer volume');
  assert.is(last.pnl, Number(((96500 - 90000) * 0.002).toFixed(8)), 'marked to the tick at the newer volume');
  const volumes = seen.slice(1).map((p) => p.volume);
  assert.equal(volumes, [0.002, 0.002], 'never back to 0.001 after 0.002');
});

test('marks still follow ticks when nothing else is queued', () => {
  const { ee, oms, seen } = setup();
  const id = position(0).vtPositionid;
  ee.put('tick', tick(96000));
  ee.drain();
  ee.put('tick', tick(97000));
  ee.drain();
  assert.is(oms.getPosition(id)?.pnl, Number(((97000 - 90000) * 0.001).toFixed(8)));
  assert.equal(
    seen.slice(1).map((p) => p.pnl),
    [6, 7].map((x) => Number((x * 1000 * 0.001).toFixed(8))),
  );
});

test.run();
