// Property tests of the matching engine and the ledger: long random order streams (fixed seeds, so a failure
// replays) interleaved with market steps, cancels, fills from outside and new trading days, checked against
// invariants that must hold whatever the stream: volume is conserved, nothing fills beyond its volume or after
// its cancel, the book at rest is never crossed, and positions and cash agree with the fills.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Offset, OrderType } from '../../src/core/constant.js';
import { positionMode } from '../../src/sim/accounts.js';
import { createSimExchange } from '../../src/sim/exchange.js';
import { Rng } from '../../src/sim/rng.js';
import type { InstrumentSpec, PublicTrade, SimExchange, SimFill, SimOrder } from '../../src/sim/types.js';
import { BTC, M, PERP, RB, STOCK } from './fixtures.js';

const SPECS = [RB, M, STOCK, BTC, PERP];
const ACCOUNTS = ['a1', 'a2', 'a3'];
const CASH = 5e7;
const INITIAL_HOLDINGS: Record<string, number> = { '600036': 200_000, BTC: 500 };
const TYPES = [
  OrderType.LIMIT,
  OrderType.LIMIT,
  OrderType.LIMIT,
  OrderType.MARKET,
  OrderType.FAK,
  OrderType.FOK,
];
const CLOSES = [Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY];

function near(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} vs ${b}`);
}

interface Recorded {
  fills: SimFill[];
  trades: PublicTrade[];
  cancelled: Set<string>;
  violations: string[];
}

function record(ex: SimExchange): Recorded {
  const r: Recorded = { fills: [], trades: [], cancelled: new Set(), violations: [] };
  ex.on('fill', (f) => {
    if (r.cancelled.has(`${f.accountId}/${f.orderId}`)) r.violations.push(`fill ${f.tradeId} after cancel`);
    r.fills.push(f);
  });
  ex.on('trade', (t) => r.trades.push(t));
  ex.on('order', (o: SimOrder) => {
    if (o.filled > o.volume + 1e-9) r.violations.push(`order ${o.orderId} filled ${o.filled} > ${o.volume}`);
    if (o.status === 'CANCELED') r.cancelled.add(`${o.accountId}/${o.orderId}`);
  });
  return r;
}

function randomRequest(ex: SimExchange, rng: Rng, spec: InstrumentSpec) {
  const stats = ex.getStats(spec.symbol)!;
  const mid = stats.lastPrice;
  const tick = spec.pricetick;
  let price = Math.round(mid / tick + rng.int(-8, 8)) * tick;
  if (stats.limitUp > 0) price = Math.min(stats.limitUp, Math.max(stats.limitDown, price));
  price = Number(price.toFixed(6));
  const lots = rng.int(1, 6) * Math.round(spec.minVolume / spec.lotSize);
  const volume = Number((lots * spec.lotSize).toFixed(6));
  const side = rng.next() < 0.5 ? ('BUY' as const) : ('SELL' as const);
  const mode = positionMode(spec);
  const offset = mode === 'hedge' ? (rng.next() < 0.55 ? Offset.OPEN : CLOSES[rng.int(0, 2)]!) : Offset.NONE;
  const type = TYPES[rng.int(0, TYPES.length - 1)]!;
  return { symbol: spec.symbol, side, type, price, volume, offset };
}

function runStream(seed: number, steps: number, withMarket: boolean) {
  const ex = createSimExchange({ seed, instruments: SPECS, tickRate: 0, seedBooks: withMarket });
  const rec = record(ex);
  for (const id of ACCOUNTS) {
    ex.openAccount(id, CASH, 'CNY', { '600036': INITIAL_HOLDINGS['600036']! });
    ex.openAccount(`${id}-usdt`, CASH, 'USDT', { BTC: INITIAL_HOLDINGS['BTC']! });
  }
  const rng = new Rng(seed);
  let accepted = 0;
  for (let i = 0; i < steps; i++) {
    const r = rng.next();
    const spec = SPECS[rng.int(0, SPECS.length - 1)]!;
    const account = ACCOUNTS[rng.int(0, ACCOUNTS.length - 1)]! + (spec.currency === 'USDT' ? '-usdt' : '');
    if (r < 0.6) {
      if (ex.placeOrder(account, randomRequest(ex, rng, spec)).ok) accepted += 1;
    } else if (r < 0.8) {
      const open = ex.getOpenOrders(account);
      if (open.length) {
        const victim = open[rng.int(0, open.length - 1)]!;
        assert.ok(ex.cancelOrder(account, victim.orderId).ok, 'an open order can be cancelled');
      }
    } else if (r < 0.9 && withMarket) {
      ex.step(rng.int(1, 5));
    } else if (r < 0.995) {
      const stats = ex.getStats(spec.symbol)!;
      const off = rng.int(0, 6) * spec.pricetick * (rng.next() < 0.5 ? 1 : -1);
      const price = Number((stats.lastPrice + off).toFixed(6));
      ex.crossFromMarket(
        spec.symbol,
        rng.next() < 0.5 ? 'BUY' : 'SELL',
        price,
        spec.minVolume * rng.int(1, 4),
      );
    } else {
      ex.rollDay();
    }
    for (const s of SPECS) {
      const b = ex.getBook(s.symbol, 1)!;
      if (b.bids.length && b.asks.length) {
        assert.ok(b.bids[0]!.price < b.asks[0]!.price, `${s.symbol} book crossed at step ${i}`);
      }
    }
  }
  return { ex, rec, accepted };
}

function checkInvariants(ex: SimExchange, rec: Recorded): void {
  assert.equal(rec.violations, []);
  const specOf = new Map(SPECS.map((s) => [s.symbol, s]));
  // Every account fill belongs to a printed trade, with that trade's price and volume, and each trade has at
  // most one buyer and one seller among the accounts.
  const trades = new Map(rec.trades.map((t) => [t.tradeId, t]));
  const sides = new Map<number, string[]>();
  for (const f of rec.fills) {
    const t = trades.get(f.tradeId);
    assert.ok(t, `fill ${f.tradeId} has a public trade`);
    near(f.volume, t!.volume, `fill ${f.tradeId} volume`);
    assert.is(f.price, t!.price);
    sides.set(f.tradeId, [...(sides.get(f.tradeId) ?? []), f.side]);
  }
  for (const [id, list] of sides) {
    assert.ok(
      list.length <= 2 && new Set(list).size === list.length,
      `trade ${id} has sides ${list.join(',')}`,
    );
  }
  for (const account of [...ACCOUNTS, ...ACCOUNTS.map((a) => `${a}-usdt`)]) {
    const fills = rec.fills.filter((f) => f.accountId === account);
    // Orders: filled equals the sum of their fills; never above volume; FILLED exactly when complete.
    const byOrder = new Map<number, number>();
    for (const f of fills) byOrder.set(f.orderId, (byOrder.get(f.orderId) ?? 0) + f.volume);
    for (const o of ex.getOrders(account)) {
      near(o.filled, byOrder.get(o.orderId) ?? 0, `order ${o.orderId} filled`);
      assert.ok(o.filled <= o.volume + 1e-9);
      if (o.status === 'FILLED') near(o.filled, o.volume, `order ${o.orderId} FILLED volume`);
    }
    // Positions and cash, recomputed from the fills alone with average-cost accounting.
    const model = new Map<string, { volume: number; cost: number; spec: InstrumentSpec; dir: Direction }>();
    let cash = CASH;
    const get = (key: string, spec: InstrumentSpec, dir: Direction) => {
      let p = model.get(key);
      if (!p) model.set(key, (p = { volume: 0, cost: 0, spec, dir }));
      return p;
    };
    for (const spec of SPECS) {
      const cnyAccount = !account.endsWith('-usdt');
      if (positionMode(spec) !== 'spot' || cnyAccount !== (spec.currency === 'CNY')) continue;
      const asset = spec.baseAsset ?? spec.symbol;
      const p = get(`spot:${asset}`, spec, Direction.NET);
      p.volume = INITIAL_HOLDINGS[asset]!;
      p.cost = p.volume * spec.initialPrice;
    }
    for (const f of fills) {
      const spec = specOf.get(f.symbol)!;
      const mode = positionMode(spec);
      const buy = f.side === 'BUY';
      cash -= f.commission;
      if (mode === 'spot') {
        const p = get(`spot:${spec.baseAsset ?? spec.symbol}`, spec, Direction.NET);
        if (buy) {
          p.cost += f.price * f.volume;
          p.volume += f.volume;
          cash -= f.price * f.volume * spec.size;
        } else {
          p.cost -= (p.cost / p.volume) * f.volume;
          p.volume -= f.volume;
          cash += f.price * f.volume * spec.size;
        }
        continue;
      }
      const signedFill = buy ? f.volume : -f.volume;
      if (mode === 'net') {
        const p = get(`${spec.symbol}:NET`, spec, Direction.NET);
        if (p.volume * signedFill < 0) {
          const closing = Math.min(Math.abs(p.volume), f.volume);
          const avg = p.cost / Math.abs(p.volume);
          cash += (f.price - avg) * closing * spec.size * (p.volume > 0 ? 1 : -1);
          p.cost -= avg * closing;
          p.volume += Math.sign(signedFill) * closing;
          const rest = f.volume - closing;
          if (rest > 1e-12) {
            p.volume += Math.sign(signedFill) * rest;
            p.cost += f.price * rest;
          }
        } else {
          p.volume += signedFill;
          p.cost += f.price * f.volume;
        }
        continue;
      }
      if (f.offset === Offset.OPEN) {
        const dir = buy ? Direction.LONG : Direction.SHORT;
        const p = get(`${spec.symbol}:${dir}`, spec, dir);
        p.volume += f.volume;
        p.cost += f.price * f.volume;
      } else {
        const dir = buy ? Direction.SHORT : Direction.LONG;
        const p = get(`${spec.symbol}:${dir}`, spec, dir);
        const avg = p.cost / p.volume;
        cash += (f.price - avg) * f.volume * spec.size * (dir === Direction.LONG ? 1 : -1);
        p.cost -= avg * f.volume;
        p.volume -= f.volume;
        assert.ok(p.volume > -1e-9, `${account} ${spec.symbol} ${dir} never goes below zero`);
      }
    }
    const positions = ex.getPositions(account);
    let floating = 0;
    for (const [key, p] of model) {
      const spot = key.startsWith('spot:');
      const actual = positions.find((x) =>
        spot
          ? x.direction === Direction.NET && x.symbol === p.spec.symbol
          : `${x.symbol}:${x.direction}` === key,
      );
      const volume = Math.abs(p.volume);
      // A net position is signed (a short is negative); spot and hedge legs are sizes.
      const expected = !spot && p.dir === Direction.NET ? p.volume : volume;
      near(actual?.volume ?? 0, expected, `${account} ${key} volume`);
      if (!spot && volume > 1e-9) {
        const last = ex.getStats(p.spec.symbol)!.lastPrice;
        const sign = p.dir === Direction.SHORT || p.volume < 0 ? -1 : 1;
        floating += (last - p.cost / volume) * volume * p.spec.size * sign;
      }
    }
    const acc = ex.getAccount(account)!;
    near(acc.balance, cash + floating, `${account} balance`);
    near(
      acc.commission,
      fills.reduce((s, f) => s + f.commission, 0),
      `${account} commission`,
    );
  }
}

test('random streams against empty books: conservation, no cross, reconciliation', () => {
  for (const seed of [1, 2, 3]) {
    const { ex, rec, accepted } = runStream(seed, 4000, false);
    assert.ok(accepted > 500, `seed ${seed}: enough orders were accepted (${accepted})`);
    assert.ok(rec.fills.length > 300, `seed ${seed}: enough fills (${rec.fills.length})`);
    checkInvariants(ex, rec);
  }
});

test('random streams inside a running synthetic market', () => {
  for (const seed of [11, 12]) {
    const { ex, rec } = runStream(seed, 3000, true);
    assert.ok(rec.fills.length > 300, `seed ${seed}: enough fills (${rec.fills.length})`);
    checkInvariants(ex, rec);
  }
});

test('after every order ends, nothing stays reserved', () => {
  const { ex, rec } = runStream(21, 2000, false);
  for (const id of [...ACCOUNTS, ...ACCOUNTS.map((a) => `${a}-usdt`)]) {
    for (const o of ex.getOpenOrders(id)) assert.ok(ex.cancelOrder(id, o.orderId).ok);
    const positions = ex.getPositions(id);
    for (const p of positions) assert.is(p.frozen, 0, `${id} ${p.symbol} ${p.direction} frozen`);
    const margin = positions.reduce((s, p) => s + p.margin, 0);
    near(ex.getAccount(id)!.frozen, margin, `${id} frozen is exactly the positions' margin`);
    for (const a of Object.values(ex.getAccount(id)!.assets)) assert.is(a.locked, 0);
  }
  checkInvariants(ex, rec);
});

test('the same seed gives the same stream', () => {
  const a = runStream(5, 1500, true);
  const b = runStream(5, 1500, true);
  assert.equal(
    b.rec.fills.map((f) => [f.tradeId, f.price, f.volume]),
    a.rec.fills.map((f) => [f.tradeId, f.price, f.volume]),
  );
});

test.run();
