// Seeded fuzzing of what Binance's WebSockets can deliver to a connected gateway, through the simulator's real
// loopback sockets: text that is not JSON, JSON of the wrong shape, unknown events, execution reports with one
// field broken, and the same fills again and out of order. The process lives, the problem is logged, no order
// or trade goes wrong, and the gateway still trades afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { OrderData, TickData, TradeData } from '../../../src/core/object.js';
import { BinanceGateway } from '../../../gateways/binance/index.js';
import { startBinanceSim, type BinanceSim } from '../../../gateways/binance/sim/server.js';
import type { Market } from '../../../gateways/binance/types.js';
import { FuzzRng, type Json } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';
import { settingFor } from './target.js';

interface Session {
  me: MainEngine;
  trades: TradeData[];
  orders: OrderData[];
  ticks: TickData[];
  warnings: string[];
}

async function connect(sim: BinanceSim, market: Market): Promise<Session> {
  const me = new MainEngine({ log: false });
  const s: Session = { me, trades: [], orders: [], ticks: [], warnings: [] };
  me.eventEngine.register('trade', (e) => s.trades.push(e.data));
  me.eventEngine.register('order', (e) => s.orders.push(e.data));
  me.eventEngine.register('tick', (e) => s.ticks.push(e.data));
  me.eventEngine.register('log', (e) => {
    if (e.data.level >= LogLevel.WARNING) s.warnings.push(e.data.msg);
  });
  me.addGateway(BinanceGateway, 'BINANCE');
  await me.connect(settingFor(sim, market), 'BINANCE');
  return s;
}

const SYMBOL = 'BTCUSDT';

function executionReport(o: Partial<Record<string, Json>> = {}): { [k: string]: Json } {
  return {
    e: 'executionReport',
    E: 1_764_000_000_000,
    s: SYMBOL,
    c: 'foreign-1',
    S: 'BUY',
    o: 'LIMIT',
    f: 'GTC',
    q: '0.00100000',
    p: '90000.00',
    x: 'TRADE',
    X: 'PARTIALLY_FILLED',
    r: 'NONE',
    i: 9_000_001,
    l: '0.00050000',
    z: '0.00050000',
    L: '90000.00',
    n: '0',
    T: 1_764_000_000_000,
    t: 77_000_001,
    ...o,
  } as { [k: string]: Json };
}

function futuresUpdate(o: Partial<Record<string, Json>> = {}): { [k: string]: Json } {
  return {
    e: 'ORDER_TRADE_UPDATE',
    E: 1_764_000_000_000,
    T: 1_764_000_000_000,
    o: {
      s: SYMBOL,
      c: 'foreign-1',
      S: 'BUY',
      o: 'LIMIT',
      f: 'GTC',
      q: '0.002',
      p: '90000',
      ap: '90000',
      x: 'TRADE',
      X: 'PARTIALLY_FILLED',
      i: 9_000_001,
      l: '0.001',
      z: '0.001',
      L: '90000',
      T: 1_764_000_000_000,
      t: 77_000_001,
      R: false,
      ps: 'BOTH',
      rp: '0',
      ...o,
    } as { [k: string]: Json },
  };
}

const MARKET_EVENTS: { [k: string]: Json }[] = [
  { e: 'trade', E: 1, s: SYMBOL, t: 1, p: '96500.10', q: '0.01', T: 1, m: false },
  {
    e: '24hrTicker',
    E: 1,
    s: SYMBOL,
    c: '96500',
    Q: '0.1',
    o: '96000',
    h: '97000',
    l: '95000',
    v: '100',
    q: '9650000',
  },
  { e: 'depthUpdate', E: 1, s: SYMBOL, U: 1, u: 2, b: [['96499', '1']], a: [['96501', '1']] },
];

/** The spot WS API wraps each user event; USD-M sends it bare. */
function userText(market: Market, event: Json): string {
  return JSON.stringify(market === 'SPOT' ? { subscriptionId: 0, event } : event);
}

function finite(o: OrderData | TradeData | TickData): boolean {
  return Object.values(o).every((v) => typeof v !== 'number' || Number.isFinite(v));
}

async function sweep(sim: BinanceSim, market: Market, seed: number): Promise<void> {
  const s = await connect(sim, market);
  const rng = new FuzzRng(seed);
  const vtSymbol = market === 'SPOT' ? SYMBOL : `${SYMBOL}_SWAP`;
  try {
    s.me.subscribe({ symbol: vtSymbol, exchange: Exchange.BINANCE }, 'BINANCE');
    await until(() => s.ticks.length > 0, 'a first tick');

    // A real fill to replay later, duplicated and out of order.
    const vtOrderid = s.me.sendOrder(
      {
        symbol: vtSymbol,
        exchange: Exchange.BINANCE,
        direction: Direction.LONG,
        type: OrderType.MARKET,
        price: 0,
        volume: 0.002,
        offset: Offset.NONE,
      },
      'BINANCE',
    );
    await until(() => s.me.getOrder(vtOrderid)?.status === Status.ALLTRADED, 'the market order to fill');
    await until(() => s.trades.some((t) => t.vtOrderid === vtOrderid), 'its trade');
    const realTrades = s.trades.filter((t) => t.vtOrderid === vtOrderid);

    const template = market === 'SPOT' ? executionReport : futuresUpdate;
    let garbage = 0;
    for (let i = 0; i < 600; i++) {
      const roll = rng.int(0, 9);
      if (roll === 0) {
        garbage++;
        sim.sendRaw(rng.bool() ? 'user' : 'market', rng.pick(['{', 'not json', '', '\u0000\u00ff', '[1,']));
      } else if (roll === 1) {
        sim.sendRaw('user', userText(market, rng.json(3)));
      } else if (roll === 2) {
        sim.sendRaw(rng.bool() ? 'user' : 'market', JSON.stringify(rng.json(3)));
      } else if (roll === 3) {
        sim.sendRaw('user', userText(market, { e: rng.nastyString(), E: 1, s: SYMBOL }));
      } else if (roll <= 6) {
        // A report for an order that is not ours, with one field broken.
        const c = `foreign-${i}`;
        sim.sendRaw('user', userText(market, rng.mutate(template(market === 'SPOT' ? { c } : { c }))));
      } else {
        const ev = { ...rng.pick(MARKET_EVENTS), s: SYMBOL };
        sim.sendRaw('market', JSON.stringify(rng.mutate(ev)));
      }
    }
    // The same real fills again, twice, and after them a stale "NEW" for the same order.
    const orderid = vtOrderid.split('.').slice(1).join('.');
    for (let round = 0; round < 2; round++) {
      for (const t of [...realTrades].reverse()) {
        const fields = {
          c: orderid,
          t: Number(t.tradeid.slice(t.tradeid.lastIndexOf('-') + 1)),
          l: String(t.volume),
          L: String(t.price),
          z: '0.002',
          q: '0.002',
          X: 'FILLED',
          o: 'MARKET',
        };
        sim.sendRaw('user', userText(market, template(fields)));
      }
    }
    sim.sendRaw('user', userText(market, template({ c: orderid, x: 'NEW', X: 'NEW', z: '0', l: '0' })));
    // A marker behind everything on the user link: once it shows, all of the above was handled.
    sim.sendRaw(
      'user',
      userText(market, template({ c: 'marker', x: 'NEW', X: 'NEW', z: '0', l: '0', t: -1 })),
    );
    await until(() => s.orders.some((o) => o.orderid === 'marker'), 'the marker order');

    // Unreadable text is named in a warning; nothing emitted carries NaN or infinity.
    assert.ok(
      s.warnings.filter((w) => /ignored a message|unreadable market message/.test(w)).length >= garbage,
      `${garbage} unreadable messages, warnings: ${s.warnings.length}`,
    );
    for (const o of [...s.orders, ...s.trades, ...s.ticks]) assert.ok(finite(o), JSON.stringify(o));
    for (const t of s.trades) assert.ok(t.tradeid !== '' && t.tradeid !== 'undefined', JSON.stringify(t));
    for (const w of s.warnings) assert.not.ok(w.includes(sim.credentials.secret), 'no secret in a log');

    // The real order: each fill exactly once, nothing lost, the order still filled.
    const mine = s.trades.filter((t) => t.vtOrderid === vtOrderid);
    assert.equal(mine, realTrades);
    assert.equal(new Set(s.trades.map((t) => t.vtTradeid)).size, s.trades.length, 'no trade twice');
    const order = s.me.getOrder(vtOrderid)!;
    assert.is(order.status, Status.ALLTRADED);
    assert.is(order.traded, 0.002);

    // Still usable: a new order goes through and fills.
    const next = s.me.sendOrder(
      {
        symbol: vtSymbol,
        exchange: Exchange.BINANCE,
        direction: Direction.SHORT,
        type: OrderType.MARKET,
        price: 0,
        volume: 0.001,
        offset: market === 'SPOT' ? Offset.NONE : Offset.CLOSE,
      },
      'BINANCE',
    );
    await until(() => s.me.getOrder(next)?.status === Status.ALLTRADED, 'a later order to fill');
    await until(() => s.trades.some((t) => t.vtOrderid === next), 'its trade');
  } finally {
    await s.me.close();
  }
}

/** Place and cancel replies that are not orders: the order is asked for, and ends right. */
async function unreadableReplies(sim: BinanceSim, market: Market): Promise<void> {
  const s = await connect(sim, market);
  const vtSymbol = market === 'SPOT' ? SYMBOL : `${SYMBOL}_SWAP`;
  const path = market === 'SPOT' ? '/api/v3/order' : '/fapi/v1/order';
  try {
    for (const body of [
      'null',
      '[]',
      '"ok"',
      'not json',
      '{"clientOrderId":5}',
      '{"symbol":"BTCUSDT","status":"NEW"}',
    ]) {
      const before = s.warnings.length;
      sim.replaceNextReply('POST', path, body);
      const vt = s.me.sendOrder(
        {
          symbol: vtSymbol,
          exchange: Exchange.BINANCE,
          direction: Direction.LONG,
          type: OrderType.LIMIT,
          price: 80_000,
          volume: 0.001,
          offset: Offset.NONE,
        },
        'BINANCE',
      );
      await until(() => s.me.getOrder(vt)?.status === Status.NOTTRADED, `${vt} resting (reply ${body})`);
      await until(() => s.warnings.length > before, 'the warning');
      assert.match(s.warnings.slice(before).join('\n'), /not an order/);
      sim.replaceNextReply('DELETE', path, body);
      s.me.cancelOrder(
        { orderid: vt.split('.').slice(1).join('.'), symbol: vtSymbol, exchange: Exchange.BINANCE },
        'BINANCE',
      );
      await until(() => s.me.getOrder(vt)?.status === Status.CANCELLED, `${vt} cancelled (reply ${body})`);
    }
    for (const o of s.orders) assert.ok(finite(o) && o.orderid !== 'undefined', JSON.stringify(o));
    assert.ok(
      s.orders.every((o) => o.symbol === vtSymbol),
      'no ghost order from a reply',
    );
  } finally {
    await s.me.close();
  }
}

let sim: BinanceSim;
test.before(async () => {
  sim = await startBinanceSim({ seed: 11, tickRate: 50, volatility: 0 });
});
test.after(() => sim.close());

test('SPOT: hostile user-data and market messages are logged and skipped; orders and trades stay right', () =>
  sweep(sim, 'SPOT', 1001));

test('USDM: hostile user-data and market messages are logged and skipped; orders and trades stay right', () =>
  sweep(sim, 'USDM', 2002));

test('SPOT: place and cancel replies that are not orders are logged, and the order is asked for', () =>
  unreadableReplies(sim, 'SPOT'));

test('USDM: place and cancel replies that are not orders are logged, and the order is asked for', () =>
  unreadableReplies(sim, 'USDM'));

test.run();
