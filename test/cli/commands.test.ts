import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType } from '../../src/core/constant.js';
import { toContract } from '../../gateways/sim/parse.js';
import { RB } from '../sim/fixtures.js';
import { parseCommand, toOrderRequest, type Command } from '../../src/cli/commands.js';

function parsed(line: string): Command {
  const r = parseCommand(line);
  if (!r || !r.ok) throw new Error(`"${line}" did not parse: ${r ? r.error : 'blank'}`);
  return r.command;
}

function error(line: string): string {
  const r = parseCommand(line);
  if (!r || r.ok) throw new Error(`"${line}" should not parse`);
  return r.error;
}

test('limit and market orders', () => {
  assert.equal(parsed('buy rb2501.SHFE 2 @ 3850'), {
    kind: 'order',
    direction: Direction.LONG,
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    vtSymbol: 'rb2501.SHFE',
    volume: 2,
    price: 3850,
    type: OrderType.LIMIT,
  });
  const market = parsed('  SELL 600036.SSE 100  ');
  assert.equal(market.kind === 'order' && [market.direction, market.type, market.price, market.volume], [
    Direction.SHORT,
    OrderType.MARKET,
    0,
    100,
  ]);
  const tight = parsed('buy BTCUSDT.BINANCE 0.015 @96500.5');
  assert.ok(tight.kind === 'order' && tight.price === 96500.5 && tight.volume === 0.015);
});

test('offsets and order types in any order after the volume', () => {
  const a = parsed('sell rb2501.SHFE 1 @ 3900 closetoday');
  assert.ok(a.kind === 'order' && a.offset === Offset.CLOSETODAY && a.type === OrderType.LIMIT);
  const b = parsed('buy rb2501.SHFE 1 closeyesterday fak @ 3900');
  assert.ok(b.kind === 'order' && b.offset === Offset.CLOSEYESTERDAY && b.type === OrderType.FAK);
  const c = parsed('sell IF2501.CFFEX 1 @ 3900.2 Close STOP');
  assert.ok(c.kind === 'order' && c.offset === Offset.CLOSE && c.type === OrderType.STOP);
  const d = parsed('buy rb2501.SHFE 1 @ 3800 post open');
  assert.ok(d.kind === 'order' && d.offset === Offset.OPEN && d.type === OrderType.POSTONLY);
});

test('cancel, cancel all, sub, help, quit; blank lines and comments', () => {
  assert.equal(parsed('cancel SIM.12'), { kind: 'cancel', vtOrderid: 'SIM.12' });
  assert.equal(parsed('cancel all'), { kind: 'cancelAll' });
  assert.equal(parsed('cancel ALL rb2501.shfe'), { kind: 'cancelAll', vtSymbol: 'rb2501.SHFE' });
  assert.equal(parsed('sub au2506.SHFE'), {
    kind: 'subscribe',
    symbol: 'au2506',
    exchange: Exchange.SHFE,
    vtSymbol: 'au2506.SHFE',
  });
  assert.equal(parsed('help'), { kind: 'help' });
  assert.equal(parsed('quit'), { kind: 'quit' });
  assert.is(parseCommand('   '), null);
  assert.is(parseCommand('# a comment'), null);
});

test('mistakes get an error that says what to write', () => {
  assert.match(error('buy'), /usage: buy <vtSymbol> <volume>/);
  assert.match(error('buy rb2501 2 @ 3850'), /not a vtSymbol/);
  assert.match(error('buy rb2501.NOWHERE 2'), /unknown exchange "NOWHERE"/);
  assert.match(error('buy rb2501.SHFE 0'), /volume must be a positive number/);
  assert.match(error('buy rb2501.SHFE -1'), /volume must be a positive number/);
  assert.match(error('buy rb2501.SHFE 2 @'), /a price must follow "@"/);
  assert.match(error('buy rb2501.SHFE 2 @ abc'), /price must be a positive number/);
  assert.match(error('buy rb2501.SHFE 2 3850'), /write the price after "@": buy rb2501.SHFE 2 @ 3850/);
  assert.match(error('buy rb2501.SHFE 2 @ 1 @ 2'), /price is given twice/);
  assert.match(error('buy rb2501.SHFE 2 @ 1 open close'), /offset is given twice/);
  assert.match(error('buy rb2501.SHFE 2 fak'), /FAK order needs a price/);
  assert.match(error('buy rb2501.SHFE 2 @ 1 sideways'), /unexpected "sideways"/);
  assert.match(error('cancel'), /usage: cancel/);
  assert.match(error('cancel 12'), /not a vtOrderid/);
  assert.match(error('sub'), /usage: sub/);
  assert.match(error('sell-all'), /unknown command "sell-all"/);
  assert.match(error('quit now'), /takes no arguments/);
});

test('toOrderRequest opens by default on venues with offsets, NONE elsewhere', () => {
  const futures = toContract(RB, 'SIM');
  const stock = { ...futures, netPosition: true };
  const cmd = parsed('buy rb2501.SHFE 2 @ 3850');
  assert.ok(cmd.kind === 'order');
  if (cmd.kind !== 'order') return;
  assert.is(toOrderRequest(cmd, futures).offset, Offset.OPEN);
  assert.is(toOrderRequest(cmd, stock).offset, Offset.NONE);
  const close = parsed('sell rb2501.SHFE 2 @ 3850 close');
  if (close.kind !== 'order') throw new Error('not an order');
  assert.equal(toOrderRequest(close, futures, 'palette'), {
    symbol: 'rb2501',
    exchange: Exchange.SHFE,
    direction: Direction.SHORT,
    type: OrderType.LIMIT,
    volume: 2,
    price: 3850,
    offset: Offset.CLOSE,
    reference: 'palette',
  });
});

test.run();
