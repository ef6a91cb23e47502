// The orders that flatten or reverse a position: today and yesterday apart on SHFE, working close orders not
// closed twice, a crossing limit where the gateway has no market order, one order where there is no offset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Product } from '../../src/core/constant.js';
import type { GatewayCapabilities } from '../../src/core/gateway.js';
import { createContract, createPosition, createTick } from '../../src/core/object.js';
import { closingOrders, reversingOrders } from '../../src/ui/flatten.js';

const contract = (exchange: Exchange, netPosition = false) => ({
  ...createContract({
    gatewayName: 'G',
    symbol: 'x',
    exchange,
    name: 'x',
    product: Product.FUTURES,
    size: 10,
    pricetick: 1,
  }),
  netPosition,
});
const caps = (orderTypes: OrderType[], offsets = true) =>
  ({ orderTypes, offsets }) as unknown as GatewayCapabilities;
const position = (direction: Direction, volume: number, ydVolume = 0, frozen = 0) => ({
  ...createPosition({ gatewayName: 'G', symbol: 'x', exchange: Exchange.SHFE, direction }),
  volume,
  ydVolume,
  frozen,
});
const tick = { ...createTick({ gatewayName: 'G', symbol: 'x', exchange: Exchange.SHFE, datetime: 0 }) };
tick.limitUp = 110;
tick.limitDown = 90;
tick.bidPrice1 = 99;
tick.askPrice1 = 100;

test('SHFE: today with CloseToday, yesterday with CloseYesterday, frozen volume left alone', () => {
  const out = closingOrders({
    position: position(Direction.LONG, 5, 2, 1),
    contract: contract(Exchange.SHFE),
    capabilities: caps([OrderType.MARKET, OrderType.LIMIT]),
    tick,
  });
  assert.ok(Array.isArray(out));
  assert.equal(
    (out as Array<{ direction: string; volume: number; offset: string; type: string }>).map((o) => [
      o.direction,
      o.volume,
      o.offset,
      o.type,
    ]),
    [
      [Direction.SHORT, 2, Offset.CLOSETODAY, OrderType.MARKET],
      [Direction.SHORT, 2, Offset.CLOSEYESTERDAY, OrderType.MARKET],
    ],
  );
});

test('no market order: a limit at the far end of the band, else the opposite best', () => {
  const short = position(Direction.SHORT, 3);
  const c = contract(Exchange.DCE);
  const limitOnly = caps([OrderType.LIMIT]);
  const at = (t: typeof tick) =>
    closingOrders({ position: short, contract: c, capabilities: limitOnly, tick: t });
  assert.equal(
    (at(tick) as Array<{ price: number; offset: string }>).map((o) => [o.price, o.offset]),
    [[110, Offset.CLOSE]],
  );
  assert.equal((at({ ...tick, limitUp: 0 }) as Array<{ price: number }>)[0]!.price, 100);
  assert.match(String((at({ ...tick, limitUp: 0, askPrice1: 0 }) as { error: string }).error), /no price/);
});

test('a net position reverses with no offsets; nothing to close is said', () => {
  const l = {
    position: position(Direction.NET, -4),
    contract: contract(Exchange.SSE, true),
    capabilities: caps([OrderType.MARKET]),
    tick,
  };
  const out = reversingOrders(l) as Array<{ direction: string; volume: number; offset: string }>;
  assert.equal(
    out.map((o) => [o.direction, o.volume, o.offset]),
    [
      [Direction.LONG, 4, Offset.NONE],
      [Direction.LONG, 4, Offset.NONE],
    ],
  );
  assert.equal(closingOrders({ ...l, position: position(Direction.NET, 0) }), { error: 'no position' });
  assert.equal(closingOrders({ ...l, position: position(Direction.LONG, 2, 0, 2) }), {
    error: 'already being closed by working orders',
  });
});

test.run();
