// The order ticket's checks and the contract search, against a real MainEngine and the fake gateway.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, Product } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EVENT_CONTRACT, EventEngine } from '../../src/core/event.js';
import { createContract, createPosition, createTick } from '../../src/core/object.js';
import { createRequire } from 'node:module';
import { searchContracts } from '../../src/ui/fuzzy.js';
import { PriceFormat } from '../../src/ui/monitors.js';
import { depthPageRange, scaled } from '../../src/ui/ticket-view.js';
import { Ticket } from '../../src/ui/ticket.js';
import { FakeGateway } from '../helpers/fake-gateway.js';
import { settle } from '../helpers/wait.js';

const open: MainEngine[] = [];

// Closed even when a test fails, so the fake gateway's tick timer cannot keep the file running.
test.after.each(async () => {
  for (const me of open.splice(0)) await me.close();
});

async function session(connect = true): Promise<{ me: MainEngine; ticket: Ticket }> {
  const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
  open.push(me);
  me.addGateway(FakeGateway);
  if (connect) await me.connect({ account: 'a', password: 'p' }, 'FAKE');
  await settle(me.eventEngine);
  return { me, ticket: new Ticket(me) };
}

const rbTick = (lastPrice: number) =>
  createTick({
    gatewayName: 'FAKE',
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    datetime: Date.now(),
    lastPrice,
  });

function typeInto(ticket: Ticket, field: 'symbol' | 'price' | 'volume', text: string): void {
  ticket.field = field;
  ticket.handleKey(undefined, { full: 'C-u', name: 'u', ctrl: true });
  for (const ch of text) ticket.handleKey(ch, { name: ch });
}

test('each kind of bad input is refused with its reason, and nothing reaches the gateway', async () => {
  const { me, ticket } = await session();
  const cases: [string, () => void, RegExp][] = [
    ['empty symbol', () => typeInto(ticket, 'symbol', ''), /enter a symbol/],
    ['unknown symbol', () => typeInto(ticket, 'symbol', 'zz9999'), /unknown symbol zz9999/],
    [
      'non-numeric price',
      () => (typeInto(ticket, 'symbol', 'rb2501'), typeInto(ticket, 'price', '38a0')),
      /price "38a0" is not a number/,
    ],
    ['price off the tick', () => typeInto(ticket, 'price', '3850.5'), /off the tick size 1/],
    [
      'zero volume',
      () => (typeInto(ticket, 'price', '3850'), typeInto(ticket, 'volume', '0')),
      /volume must be more than zero/,
    ],
    ['negative volume', () => typeInto(ticket, 'volume', '-2'), /volume must be more than zero/],
    ['non-numeric volume', () => typeInto(ticket, 'volume', 'two'), /volume "two" is not a number/],
  ];
  for (const [what, setup, reason] of cases) {
    setup();
    assert.is(ticket.send(), undefined, what);
    assert.is(ticket.message?.level, 'error', what);
    assert.match(ticket.message!.text, reason, what);
  }
  await settle(me.eventEngine);
  assert.is(me.getAllOrders().length, 0, 'no order was sent');
  typeInto(ticket, 'volume', '2');
  const id = ticket.send();
  assert.ok(id, ticket.message?.text);
  await settle(me.eventEngine);
  const order = me.getOrder(id!)!;
  assert.equal(
    [order.price, order.volume, order.offset, order.direction],
    [3850, 2, Offset.OPEN, Direction.LONG],
  );
});

test('a gateway that is not connected is named in the refusal', async () => {
  const { ticket } = await session(false);
  typeInto(ticket, 'symbol', 'rb2501');
  ticket.send();
  assert.match(ticket.message!.text, /FAKE is not connected/);
});

test('the price follows the last price until typed over, and C-f makes it follow again', async () => {
  const { me, ticket } = await session();
  ticket.load(me.getContract('rb2501.SHFE')!);
  ticket.onTick(rbTick(3861));
  assert.is(ticket.price.value, '3861');
  ticket.field = 'price';
  for (const ch of '3800') ticket.handleKey(ch, { name: ch });
  assert.is(ticket.price.value, '3800', 'typing replaces the followed price');
  ticket.onTick(rbTick(3870));
  assert.is(ticket.price.value, '3800', 'an edited price stays');
  ticket.handleKey(undefined, { full: 'C-f', name: 'f', ctrl: true });
  assert.ok(ticket.priceFollows);
  ticket.onTick(rbTick(3875));
  assert.is(ticket.price.value, '3875');
});

test('+ and - step the price by the tick of its band, across a boundary, and the result is sent as is', async () => {
  const { me, ticket } = await session();
  // HKEX-like bands: 0.5–10 by 0.01, 10–20 by 0.02.
  me.eventEngine.put(
    'contract',
    createContract({
      gatewayName: 'FAKE',
      symbol: '00001',
      exchange: Exchange.SEHK,
      name: 'CKH',
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
      priceBands: [
        { from: 0.5, to: 10, tick: 0.01 },
        { from: 10, to: 20, tick: 0.02 },
      ],
    }),
  );
  await settle(me.eventEngine);
  ticket.load(me.getContract('00001.SEHK')!);
  typeInto(ticket, 'price', '9.98');
  const steps: string[] = [];
  for (const ch of ['+', '+', '+', '=', '-', '-', '-']) {
    assert.is(ticket.handleKey(ch, { name: ch }), 'handled');
    steps.push(ticket.price.value);
  }
  assert.equal(steps, ['9.99', '10.00', '10.02', '10.04', '10.02', '10.00', '9.99']);
  assert.not.ok(ticket.priceFollows, 'a stepped price stays put');
  // From a choice field too, but not on the symbol or the volume, where - is text.
  ticket.field = 'direction';
  ticket.handleKey('+', { name: '+' });
  assert.is(ticket.price.value, '10.00');
  for (const field of ['symbol', 'volume'] as const) {
    ticket.field = field;
    ticket.handleKey('-', { name: '-' });
    assert.is(ticket.price.value, '10.00', field);
    ticket.handleKey(undefined, { name: 'backspace' });
  }
  // An off-band price is refused with its band's tick; the stepped one passes.
  typeInto(ticket, 'price', '10.01');
  const refused = ticket.build();
  assert.ok(
    'error' in refused && /off the tick size 0\.02 at that price/.test(refused.error),
    JSON.stringify(refused),
  );
  ticket.field = 'price';
  ticket.handleKey('+', { name: '+' });
  assert.is(ticket.price.value, '10.02', 'off the grid: to the next price on it');
  assert.not.ok('error' in ticket.build(), JSON.stringify(ticket.build()));
});

test("a contract whose tick depends on the price: the ticket checks the band's tick, prices show its decimals", async () => {
  const { me, ticket } = await session();
  // A US-style contract: $0.0001 below $1, cents from $1.
  me.eventEngine.put(
    EVENT_CONTRACT,
    createContract({
      gatewayName: 'FAKE',
      symbol: 'PNNY',
      exchange: Exchange.SMART,
      name: 'penny',
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
      priceBands: [
        { from: 0, to: 1, tick: 0.0001 },
        { from: 1, to: Infinity, tick: 0.01 },
      ],
    }),
  );
  await settle(me.eventEngine);
  typeInto(ticket, 'symbol', 'PNNY');
  typeInto(ticket, 'volume', '100');
  typeInto(ticket, 'price', '1.005');
  assert.is(ticket.send(), undefined);
  assert.match(ticket.message!.text, /price 1\.005 is off the tick size 0\.01 at that price/);
  typeInto(ticket, 'price', '0.5012');
  assert.ok(ticket.send(), ticket.message?.text);
  const format = new PriceFormat(me);
  assert.is(format.format('PNNY.SMART', 0.5012), '0.5012');
  assert.is(format.format('PNNY.SMART', 190.12), '190.12');
});

test('a fractional share is the precision, not the lot: the ticket starts a fractionable stock at one share, crypto at its minimum', async () => {
  const { me, ticket } = await session();
  const spec = { gatewayName: 'FAKE', size: 1, pricetick: 0.01, name: '' };
  me.eventEngine.put(
    EVENT_CONTRACT,
    createContract({
      ...spec,
      symbol: 'FRAC',
      exchange: Exchange.SMART,
      product: Product.EQUITY,
      minVolume: 1e-9,
      volumeStep: 1e-9,
    }),
  );
  me.eventEngine.put(
    EVENT_CONTRACT,
    createContract({
      ...spec,
      symbol: 'BTCX',
      exchange: Exchange.SMART,
      product: Product.SPOT,
      minVolume: 0.0001,
    }),
  );
  await settle(me.eventEngine);
  typeInto(ticket, 'symbol', 'BTCX');
  assert.ok(ticket.loadTyped());
  assert.is(ticket.volume.value, '0.0001', 'crypto starts at its minimum');
  typeInto(ticket, 'symbol', 'FRAC');
  assert.ok(ticket.loadTyped());
  assert.is(ticket.volume.value, '1', 'one share, not 1e-9');
  typeInto(ticket, 'volume', '0.5');
  typeInto(ticket, 'price', '10');
  assert.ok(ticket.send(), ticket.message?.text); // fractions stay allowed
});

test('a position pre-fills its closing order: opposite side, whole volume, CLOSETODAY for SHFE today', async () => {
  const { ticket } = await session();
  const position = createPosition({
    gatewayName: 'FAKE',
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    direction: Direction.LONG,
    volume: 3,
    ydVolume: 1,
  });
  ticket.prefillClose(position);
  assert.equal(
    [ticket.direction, ticket.offset, ticket.volume.value],
    [Direction.SHORT, Offset.CLOSETODAY, '2'],
  );
  ticket.prefillClose({ ...position, ydVolume: 3 });
  assert.equal([ticket.direction, ticket.offset, ticket.volume.value], [Direction.SHORT, Offset.CLOSE, '3']);
  ticket.prefillClose({ ...position, direction: Direction.SHORT, volume: 1, ydVolume: 1 });
  assert.is(ticket.direction, Direction.LONG);
});

test('contract search matches symbol, Chinese name and exchange fragments, best first', () => {
  const c = (symbol: string, name: string, exchange: Exchange) =>
    createContract({
      gatewayName: 'X',
      symbol,
      exchange,
      name,
      product: Product.FUTURES,
      size: 1,
      pricetick: 1,
    });
  const all = [
    c('rb2501', '螺纹钢2501', Exchange.SHFE),
    c('IF2501', '沪深300指数2501', Exchange.CFFEX),
    c('m2505', '豆粕2505', Exchange.DCE),
  ];
  assert.equal(
    searchContracts('rb', all).map((x) => x.symbol),
    ['rb2501'],
  );
  assert.equal(
    searchContracts('螺纹', all).map((x) => x.symbol),
    ['rb2501'],
  );
  assert.equal(
    searchContracts('cffex', all).map((x) => x.symbol),
    ['IF2501'],
  );
  assert.equal(
    searchContracts('2501', all)
      .map((x) => x.symbol)
      .sort(),
    ['IF2501', 'rb2501'],
  );
  assert.equal(
    searchContracts('m dce', all).map((x) => x.symbol),
    ['m2505'],
  );
  assert.equal(searchContracts('zzz', all), []);
});

test('the chart scales fractional prices and volumes so the sparkline shows their movement', () => {
  // blessed-contrib draws with this renderer, in integer arithmetic.
  const require = createRequire(createRequire(import.meta.url).resolve('blessed-contrib'));
  const sparkline = require('sparkline') as (values: number[]) => string;
  const prices = [612.42, 612.48, 612.54, 612.66, 612.6];
  assert.equal(scaled(prices, 612.42, 612.66), [0, 25, 50, 100, 75]);
  assert.is(new Set(sparkline(scaled(prices, 612.42, 612.66))).size, 5, 'five prices, five different bars');
  assert.is(new Set(sparkline(prices.map((p) => p - 612.42))).size, 1, 'unscaled, they all draw as one bar');
  assert.equal(scaled([0.001, 0.004, 0.002], 0, 0.004), [25, 100, 50]);
  assert.equal(scaled([3850, 3850], 3850, 3850), [0, 0], 'a flat series stays flat');
});

test('depth pages: five of ten fit, so 1-5 then 6-10 and round again; a short last page is clamped', () => {
  assert.equal(depthPageRange(10, 5, 0), { from: 1, to: 5, pages: 2 });
  assert.equal(depthPageRange(10, 5, 1), { from: 6, to: 10, pages: 2 });
  assert.equal(depthPageRange(10, 5, 2), { from: 1, to: 5, pages: 2 });
  assert.equal(depthPageRange(10, 4, 2), { from: 9, to: 10, pages: 3 });
  assert.equal(depthPageRange(10, 12, 1), { from: 1, to: 10, pages: 1 }, 'all fit: one page');
  assert.equal(depthPageRange(5, 0, 0), { from: 1, to: 1, pages: 5 }, 'a box with no room shows one level');
});

test.run();
