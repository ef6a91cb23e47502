// The XTP gateway end to end against the simulated library, through the real binding in the killable host:
// contracts from both exchanges (one code listed on both), the exchanges' market-order types, the side and
// business type of every order kind (cash and credit), T+1 holdings, a re-login that reconciles without
// doubling a holding or repeating a trade, malformed vendor records, and settings a person can get wrong.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Offset,
  OptionType,
  OrderType,
  Product,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type {
  LogData,
  OrderData,
  OrderRequest,
  PositionData,
  TickData,
  TradeData,
} from '../../../src/core/object.js';
import { XtpGateway } from '../../../gateways/xtp/index.js';
import { until } from '../../helpers/wait.js';
import { startSim, type XtpSim } from './sim.js';

void process.stdout;
void process.stderr;

let sim: XtpSim;
let me: MainEngine;
let logs: LogData[];
let orders: Map<string, OrderData[]>;
let trades: TradeData[];
let ticks: TickData[];
let positions: PositionData[];

async function connect(
  commands: string[] = [],
  extra: Record<string, string | number> = {},
  abiVersion = '2.2.32',
): Promise<void> {
  sim = await startSim({ abiVersion });
  for (const c of commands) await sim.control(c);
  me = new MainEngine({ log: false });
  logs = [];
  orders = new Map();
  trades = [];
  ticks = [];
  positions = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('order', (e) =>
    orders.set(e.data.vtOrderid, [...(orders.get(e.data.vtOrderid) ?? []), e.data]),
  );
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.eventEngine.register('position', (e) => positions.push(e.data));
  me.addGateway(XtpGateway, 'XTP');
  await me.connect(sim.setting(extra), 'XTP');
}

test.after.each(async () => {
  if (me?.eventEngine.isActive) await me.close();
  await sim?.stop();
});

/** The message a promise rejects with ('' when it resolves). */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => '',
    (e: Error) => e.message,
  );
/** Waits for the order's refusal and checks its reason. */
async function rejectedWith(vtOrderid: string, reason: RegExp): Promise<void> {
  await until(() => status(vtOrderid) === Status.REJECTED, `${vtOrderid} refused`);
  assert.match(last(vtOrderid)!.statusMsg, reason);
}
const last = (vtOrderid: string) => orders.get(vtOrderid)?.at(-1);
const status = (vtOrderid: string) => last(vtOrderid)?.status;
const position = (vtSymbol: string) =>
  me.getAllPositions().find((p) => p.vtSymbol === vtSymbol && p.gatewayName === 'XTP');

function req(
  symbol: string,
  exchange: Exchange,
  direction: Direction,
  type: OrderType,
  price: number,
  volume: number,
  offset = Offset.NONE,
): OrderRequest {
  return { symbol, exchange, direction, type, price, volume, offset, reference: 'test' };
}

test('contracts: both exchanges with Chinese names and products; 000001 is an SSE index and an SZSE stock', async () => {
  await connect();
  const index = me.getContract('000001.SSE');
  const stock = me.getContract('000001.SZSE');
  assert.ok(index && stock, 'both listings are contracts');
  assert.is(index!.name, '上证指数');
  assert.is(index!.product, Product.INDEX);
  assert.is(stock!.name, '平安银行');
  assert.is(stock!.product, Product.EQUITY);
  assert.is(me.getContract('510050.SSE')!.product, Product.FUND);
  assert.is(me.getContract('019547.SSE')!.product, Product.BOND);
  assert.is(me.getContract('688981.SSE')!.minVolume, 200, 'STAR board lot');
  const opt = me.getContract('10004000.SSE')!;
  assert.equal(
    [
      opt.product,
      opt.name,
      opt.optionUnderlying,
      opt.optionStrike,
      opt.optionType,
      opt.size,
      opt.netPosition,
    ],
    [Product.OPTION, '50ETF购1月2600', '510050', 2.6, OptionType.CALL, 10000, false],
  );
  assert.is(
    opt.optionExpiry,
    Date.UTC(2025, 0, 22, 7, 0, 0),
    'expires on the last trading day, 15:00 China time',
  );
  const pf = me.getContract('600000.SSE')!;
  assert.equal(
    [pf.pricetick, pf.minVolume, pf.volumeStep, pf.size, pf.netPosition],
    [0.01, 100, 100, 1, true],
  );
  me.subscribe({ symbol: '000001', exchange: Exchange.SZSE }, 'XTP');
  await until(() => ticks.some((t) => t.vtSymbol === '000001.SZSE'), 'a tick for 000001.SZSE');
  const t = ticks.find((x) => x.vtSymbol === '000001.SZSE')!;
  assert.is(t.name, '平安银行');
  assert.equal([t.bidPrice1, t.askPrice1, t.bidPrice5, t.askPrice5], [12, 12.01, 11.96, 12.05]);
  assert.equal([t.bidVolume1, t.askVolume5], [1000, 6000]);
  assert.not.ok(
    ticks.some((x) => x.vtSymbol === '000001.SSE'),
    'the index was not subscribed',
  );
  // The simulator's day volume grows with every tick it sends: the last volume is the growth.
  await sim.control('tick_interval_us 20000');
  await until(() => ticks.filter((x) => x.vtSymbol === '000001.SZSE').length >= 3, 'more ticks');
  const [a, b] = ticks.filter((x) => x.vtSymbol === '000001.SZSE').slice(-2);
  assert.ok(b!.volume > a!.volume, 'the day volume grows');
  assert.is(b!.lastVolume, b!.volume - a!.volume);
});

test('ten levels through the library: levels 6-10 of both sides reach the tick in depth', async () => {
  await connect();
  me.subscribe({ symbol: '000001', exchange: Exchange.SZSE }, 'XTP');
  await until(() => ticks.some((t) => t.vtSymbol === '000001.SZSE'), 'a tick for 000001.SZSE');
  const t = ticks.find((x) => x.vtSymbol === '000001.SZSE')!;
  // The simulated book: bids 12.00 down and asks 12.01 up by a tick, volumes 1000·n and 1200·n.
  assert.equal(t.depth?.bids.slice(5), [
    [11.95, 6000],
    [11.94, 7000],
    [11.93, 8000],
    [11.92, 9000],
    [11.91, 10000],
  ]);
  assert.equal(t.depth?.asks.slice(5), [
    [12.06, 7200],
    [12.07, 8400],
    [12.08, 9600],
    [12.09, 10800],
    [12.1, 12000],
  ]);
  assert.equal(t.depth?.bids[4], [t.bidPrice5, t.bidVolume5]);
  assert.equal(t.depth?.asks[0], [t.askPrice1, t.askVolume1]);
});

test('market-order types per exchange: MARKET, FAK and FOK fill where the exchange has them; SSE FOK is refused', async () => {
  await connect();
  // The simulator refuses a price type the exchange does not have (SSE: no IOC 2, no FOK 5; SZSE: no 3),
  // so a fill proves the gateway chose the exchange's own type.
  const cases: [string, Exchange, OrderType, number][] = [
    ['600000', Exchange.SSE, OrderType.MARKET, 10.51],
    ['600000', Exchange.SSE, OrderType.FAK, 10.51],
    ['000001', Exchange.SZSE, OrderType.MARKET, 12.01],
    ['000001', Exchange.SZSE, OrderType.FAK, 12.01],
    ['000001', Exchange.SZSE, OrderType.FOK, 12.01],
  ];
  for (const [symbol, exchange, type, fillPrice] of cases) {
    const id = me.sendOrder(req(symbol, exchange, Direction.LONG, type, fillPrice, 100), 'XTP');
    await until(
      () => status(id) === Status.ALLTRADED || status(id) === Status.REJECTED,
      `${type} on ${exchange}`,
    );
    assert.is(status(id), Status.ALLTRADED, `${type} on ${exchange}: ${last(id)?.statusMsg}`);
    await until(() => trades.some((t) => t.vtOrderid === id), `the trade of ${id}`);
    assert.is(trades.find((t) => t.vtOrderid === id)!.price, fillPrice);
  }
  const fok = me.sendOrder(req('600000', Exchange.SSE, Direction.LONG, OrderType.FOK, 10.51, 100), 'XTP');
  await until(() => status(fok) === Status.REJECTED, 'SSE FOK refused');
  assert.match(last(fok)!.statusMsg, /SSE has no fill-or-kill/);
});

test('cash sides: a buy is XTP_SIDE_BUY and a sell XTP_SIDE_SELL (not reversed); T+1 holdings', async () => {
  await connect(['holding 2 600000 1000 10.00']);
  await until(() => position('600000.SSE')?.volume === 1000, 'the holding');
  assert.is(position('600000.SSE')!.direction, Direction.NET);
  assert.is(position('600000.SSE')!.ydVolume, 1000);
  // Buying raises the holding; selling lowers it: a reversed mapping would do the opposite.
  const buy = me.sendOrder(req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.51, 100), 'XTP');
  await until(() => status(buy) === Status.ALLTRADED, 'the buy');
  await until(() => position('600000.SSE')?.volume === 1100, 'the holding after the buy');
  const p = position('600000.SSE')!;
  assert.is(p.frozen, 100, "today's shares are not sellable (T+1)");
  assert.is(trades.find((t) => t.vtOrderid === buy)!.direction, Direction.LONG);
  // All 1100 cannot be sold today; the 1000 of yesterday can.
  const tooMany = me.sendOrder(
    req('600000', Exchange.SSE, Direction.SHORT, OrderType.LIMIT, 10.5, 1100),
    'XTP',
  );
  await until(() => status(tooMany) === Status.REJECTED, 'the oversized sell');
  assert.match(last(tooMany)!.statusMsg, /\[11000060\] not enough sellable shares/);
  const sell = me.sendOrder(req('600000', Exchange.SSE, Direction.SHORT, OrderType.LIMIT, 10.5, 1000), 'XTP');
  await until(() => status(sell) === Status.ALLTRADED, 'the sell');
  await until(() => position('600000.SSE')?.volume === 100, 'the holding after the sell');
  assert.is(trades.find((t) => t.vtOrderid === sell)!.direction, Direction.SHORT);
  // OPEN/CLOSE on a stock mean margin trading, which a cash account cannot do.
  const margin = me.sendOrder(
    req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.51, 100, Offset.OPEN),
    'XTP',
  );
  await until(() => status(margin) === Status.REJECTED, 'margin in a cash account');
  assert.match(last(margin)!.statusMsg, /needs the credit account mode/);
  const gw = me.getGateway('XTP') as XtpGateway;
  assert.match(await refusal(gw.repayCash(100)), /needs the credit account mode/);
  assert.is(gw.creditStatus(), undefined);
});

test('credit account: margin buy, short sale, sell to repay and buy to return map to their XTP sides', async () => {
  await connect(['credit on', 'holding 1 000001 500 11.00'], { account_type: 'credit' });
  const send = (direction: Direction, offset: Offset, price: number) => {
    const id = me.sendOrder(
      req('000001', Exchange.SZSE, direction, OrderType.LIMIT, price, 100, offset),
      'XTP',
    );
    return id;
  };
  const steps: [Direction, Offset, number, number][] = [
    [Direction.LONG, Offset.OPEN, 12.01, 600], // 融资买入
    [Direction.SHORT, Offset.CLOSE, 12.0, 500], // 卖券还款
    [Direction.SHORT, Offset.OPEN, 12.0, 400], // 融券卖出
    [Direction.LONG, Offset.CLOSE, 12.01, 500], // 买券还券
    [Direction.LONG, Offset.NONE, 12.01, 600], // 担保品买入
  ];
  for (const [direction, offset, price, after] of steps) {
    const id = send(direction, offset, price);
    await until(
      () => status(id) === Status.ALLTRADED || status(id) === Status.REJECTED,
      `${direction} ${offset}`,
    );
    assert.is(status(id), Status.ALLTRADED, `${direction} ${offset}: ${last(id)?.statusMsg}`);
    const t = trades.find((x) => x.vtOrderid === id)!;
    assert.equal([t.direction, t.offset], [direction, offset], 'the trade reports the same side back');
    await until(
      () => position('000001.SZSE')?.volume === after,
      `holding ${after} after ${direction} ${offset}`,
    );
  }
});

test('a real book: orders walk the levels at their prices; what is left rests, is cancelled, or nothing trades', async () => {
  await connect(['tick_interval_us 20000']);
  me.subscribe({ symbol: '600000', exchange: Exchange.SSE }, 'XTP');
  const fills = (id: string) => trades.filter((t) => t.vtOrderid === id).map((t) => [t.price, t.volume]);
  // Asks 10.51 × 1200, 10.52 × 2400, 10.53 × 3600…: a limit buy of 3000 at 10.52 takes two levels.
  const two = me.sendOrder(req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.52, 3000), 'XTP');
  await until(() => status(two) === Status.ALLTRADED, 'the two-level buy');
  await until(() => fills(two).length === 2, 'its two trades');
  assert.equal(fills(two), [
    [10.51, 1200],
    [10.52, 1800],
  ]);
  // 600 are left at 10.52: a buy of 2000 there takes them and rests the rest, PARTTRADED until cancelled.
  const rest = me.sendOrder(req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.52, 2000), 'XTP');
  await until(() => status(rest) === Status.PARTTRADED, 'partly filled, resting');
  assert.is(last(rest)!.traded, 600);
  me.cancelOrder({ orderid: last(rest)!.orderid, symbol: '600000', exchange: Exchange.SSE }, 'XTP');
  await until(() => status(rest) === Status.CANCELLED, 'the rest cancelled');
  assert.equal([last(rest)!.traded, fills(rest)], [600, [[10.52, 600]]]);
  // The depth shows what the trades took away.
  const n = ticks.length;
  await until(() => ticks.slice(n).some((t) => t.askPrice1 === 10.53), 'a tick after the trades');
  const t = ticks.slice(n).find((x) => x.askPrice1 === 10.53)!;
  assert.equal([t.askVolume1, t.askPrice2, t.bidPrice1], [3600, 10.54, 10.5]);
  assert.is(t.lastPrice, 10.52);
  // SZSE MARKET (best five or cancel): 18 000 on five levels trade, the other 2000 are cancelled.
  const five = me.sendOrder(
    req('000001', Exchange.SZSE, Direction.LONG, OrderType.MARKET, 12.01, 20000),
    'XTP',
  );
  await until(() => status(five) === Status.CANCELLED, 'the rest of the market order cancelled');
  await until(() => fills(five).length === 5, 'five trades');
  assert.equal(fills(five), [
    [12.01, 1200],
    [12.02, 2400],
    [12.03, 3600],
    [12.04, 4800],
    [12.05, 6000],
  ]);
  assert.is(last(five)!.traded, 18000);
  // SZSE FOK (all or cancel): the 48 000 left on the book are not 50 000, so nothing trades.
  const fok = me.sendOrder(req('000001', Exchange.SZSE, Direction.LONG, OrderType.FOK, 12.06, 50000), 'XTP');
  await until(() => status(fok) === Status.CANCELLED, 'the FOK cancelled');
  assert.is(last(fok)!.traded, 0);
  assert.is(fills(fok).length, 0);
  // A resting order trades when the book comes to it.
  const low = me.sendOrder(req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.4, 500), 'XTP');
  await until(() => status(low) === Status.NOTTRADED, 'resting below the book');
  await sim.control('quote 2 600000 10.38 10.40');
  await until(() => status(low) === Status.ALLTRADED, 'filled by the new book');
  await until(() => fills(low).length === 1, 'its trade');
  assert.equal(fills(low), [[10.4, 500]]);
});

test('credit account: a margin buy is a debt; its standing and debts are queried; cash repays it (CreditCashRepay)', async () => {
  await connect(['credit on'], { account_type: 'credit' });
  const gw = me.getGateway('XTP') as XtpGateway;
  assert.ok(gw.creditStatus()?.fund, 'the standing is part of the first sync');
  assert.is(gw.creditStatus()!.fund!.allDebt, 0);
  const debt = () => gw.creditStatus()?.debts.find((d) => d.kind === 'cash' && d.symbol === '600000');
  const buy = me.sendOrder(
    req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.51, 1000, Offset.OPEN),
    'XTP',
  );
  await until(() => status(buy) === Status.ALLTRADED, 'the margin buy');
  await until(() => debt()?.remainingAmount === 10510, 'the financing debt');
  await until(() => gw.creditStatus()!.fund!.allDebt === 10510, 'the standing with the debt');
  assert.is(debt()!.exchange, Exchange.SSE);
  assert.ok(gw.creditStatus()!.fund!.maintenanceRatio > 1, 'assets over debt');
  const part = await gw.repayCash(4000);
  assert.equal([part.requested, part.repaid], [4000, 4000]);
  assert.match(part.xtpId, /^\d+$/);
  await until(() => debt()?.remainingAmount === 6510, 'the debt after the repayment');
  // More than is owed repays what is owed.
  const rest = await gw.repayCash(1_000_000);
  assert.is(rest.repaid, 6510);
  await until(() => debt()?.repaid === true, 'the debt repaid');
  assert.match(await refusal(gw.repayCash(100)), /\[11000382\] no financing debt/);
  assert.match(await refusal(gw.repayCash(-5)), /must be a positive number/);
  assert.match(await refusal(gw.repayCash(Number.NaN)), /must be a positive number/);
  assert.ok(
    logs.some((l) => /XTP repayment \d+: repaid 4000 of 4000 requested/.test(l.msg)),
    'the repayment is logged',
  );
});

test('BSE (2.2.39 and later): Beijing contracts from the NQ query, ticks, limit orders on XTP_MKT_BJ_A', async () => {
  await connect(['tick_interval_us 20000'], {}, '2.2.50');
  const c = me.getContract('830799.BSE');
  assert.ok(c, 'the Beijing contract');
  assert.equal(
    [c!.name, c!.product, c!.pricetick, c!.minVolume, c!.volumeStep],
    ['艾融软件', Product.EQUITY, 0.01, 100, 1],
  );
  me.subscribe({ symbol: '830799', exchange: Exchange.BSE }, 'XTP');
  await until(() => ticks.some((t) => t.vtSymbol === '830799.BSE'), 'a Beijing tick');
  assert.equal(
    [
      ticks.find((t) => t.vtSymbol === '830799.BSE')!.bidPrice1,
      ticks.find((t) => t.vtSymbol === '830799.BSE')!.askPrice1,
    ],
    [30, 30.01],
  );
  // 150 shares: at least 100, then single shares (a whole-lot rule would refuse it).
  const buy = me.sendOrder(req('830799', Exchange.BSE, Direction.LONG, OrderType.LIMIT, 30.01, 150), 'XTP');
  await until(() => status(buy) === Status.ALLTRADED || status(buy) === Status.REJECTED, 'the Beijing buy');
  assert.is(status(buy), Status.ALLTRADED, last(buy)?.statusMsg);
  await until(() => position('830799.BSE')?.volume === 150, 'the Beijing holding');
  const market = me.sendOrder(
    req('830799', Exchange.BSE, Direction.LONG, OrderType.MARKET, 30.01, 100),
    'XTP',
  );
  await rejectedWith(market, /only limit orders to BSE/);
});

test('BSE before 2.2.39: no Beijing contracts; an order and a subscription are refused with the reason', async () => {
  await connect([], {}, '2.2.33');
  assert.not.ok(me.getContract('830799.BSE'));
  // The engine refuses an order for a contract the gateway never listed, before it reaches XTP.
  assert.throws(
    () => me.sendOrder(req('830799', Exchange.BSE, Direction.LONG, OrderType.LIMIT, 30.01, 100), 'XTP'),
    /unknown contract 830799\.BSE/,
  );
  me.subscribe({ symbol: '830799', exchange: Exchange.BSE }, 'XTP');
  await until(
    () => logs.some((l) => /cannot subscribe 830799\.BSE: .*BSE needs XTP 2\.2\.39 or later/.test(l.msg)),
    'the subscription refused with the reason',
  );
});

test('business orders: IPO subscription is an IPOS limit buy; ETF creation and redemption are PURCHASE / REDEMPTION', async () => {
  await connect();
  const gw = me.getGateway('XTP') as XtpGateway;
  // The simulator accepts these only with XTP's documented side, business type and limit price type (any
  // other mix is refused with 11000023), and lets them wait for the after-close allotment or creation.
  const ipo = gw.sendBusinessOrder(
    req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.5, 1000),
    'ipo',
  );
  const create = gw.sendBusinessOrder(
    req('510050', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 2.6, 900000),
    'etf_purchase',
  );
  const redeem = gw.sendBusinessOrder(
    req('159915', Exchange.SZSE, Direction.SHORT, OrderType.LIMIT, 2.1, 1000000),
    'etf_redeem',
  );
  for (const id of [ipo, create, redeem])
    await until(() => status(id) === Status.NOTTRADED || status(id) === Status.REJECTED, `${id} accepted`);
  for (const id of [ipo, create, redeem]) assert.is(status(id), Status.NOTTRADED, last(id)?.statusMsg);
  assert.equal(
    [last(ipo)!.direction, last(create)!.direction, last(redeem)!.direction],
    [Direction.LONG, Direction.LONG, Direction.SHORT],
    'a redemption reads back as the selling side',
  );
  me.cancelOrder({ orderid: last(ipo)!.orderid, symbol: '600000', exchange: Exchange.SSE }, 'XTP');
  await until(() => status(ipo) === Status.CANCELLED, 'the subscription cancelled');
  const market = gw.sendBusinessOrder(
    req('600000', Exchange.SSE, Direction.LONG, OrderType.MARKET, 10.5, 1000),
    'ipo',
  );
  await rejectedWith(market, /ipo orders are limit orders/);
});

test('options: an opening buy is an OPTION business order; an option order without an offset is refused', async () => {
  await connect();
  const id = me.sendOrder(
    req('10004000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 0.0502, 2, Offset.OPEN),
    'XTP',
  );
  await until(() => status(id) === Status.ALLTRADED || status(id) === Status.REJECTED, 'the option order');
  assert.is(status(id), Status.ALLTRADED, last(id)?.statusMsg);
  await until(() => trades.some((t) => t.vtOrderid === id), 'the option trade');
  const t = trades.find((x) => x.vtOrderid === id)!;
  assert.equal([t.direction, t.offset, t.volume], [Direction.LONG, Offset.OPEN, 2]);
  assert.throws(
    () => me.sendOrder(req('10004000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 0.0502, 1), 'XTP'),
    /needs an offset/,
  );
});

test('re-login after a drop: a new session, the holding is not doubled, a fill made while down arrives once', async () => {
  await connect(['holding 2 600000 1000 10.00']);
  await until(() => position('600000.SSE')?.volume === 1000, 'the holding');
  const resting = me.sendOrder(
    req('600000', Exchange.SSE, Direction.LONG, OrderType.LIMIT, 10.2, 300),
    'XTP',
  );
  await until(() => status(resting) === Status.NOTTRADED, 'resting');
  const sessions = () => logs.filter((l) => /XTP trading login: session/.test(l.msg)).map((l) => l.msg);
  assert.is(sessions().length, 1);
  await sim.control('disconnect');
  await until(() => me.getGateway('XTP').status === GatewayStatus.RECONNECTING, 'RECONNECTING');
  await sim.control('fill B 10.2 300');
  await sim.control('restore');
  await until(() => me.getGateway('XTP').status === GatewayStatus.CONNECTED, 'CONNECTED again');
  assert.is(sessions().length, 2, 'logged in again');
  assert.is.not(sessions()[0], sessions()[1], 'with a new session id');
  await until(() => status(resting) === Status.ALLTRADED, 'the fill made while down');
  await until(() => position('600000.SSE')?.volume === 1300, 'the holding with the fill');
  // Another sync must not change anything.
  me.getGateway('XTP').queryPosition();
  const before = positions.length;
  await until(() => positions.length > before, 'a position answer');
  assert.is(position('600000.SSE')!.volume, 1300, 'not doubled');
  assert.is(trades.filter((t) => t.vtOrderid === resting).length, 1, 'the trade once');
});

test('malformed vendor records are logged once and skipped; the feed goes on', async () => {
  await connect();
  me.subscribe({ symbol: '600000', exchange: Exchange.SSE }, 'XTP');
  await until(() => ticks.length > 0, 'a tick');
  for (let i = 0; i < 3; i++) await sim.control('bad_tick');
  await sim.control('bad_order');
  await until(
    () => logs.some((l) => /OnDepthMarketData: malformed record skipped/.test(l.msg)),
    'the tick log',
  );
  await until(() => logs.some((l) => /OnOrderEvent: malformed record skipped/.test(l.msg)), 'the order log');
  assert.is(logs.filter((l) => /OnDepthMarketData: malformed/.test(l.msg)).length, 1, 'logged once');
  assert.not.ok(
    ticks.some((t) => t.symbol === '??'),
    'no tick from the malformed record',
  );
  const n = ticks.length;
  await sim.control('tick_interval_us 20000');
  await until(() => ticks.length > n, 'ticks after the malformed records');
  assert.is(me.getGateway('XTP').status, GatewayStatus.CONNECTED);
});

test("XTP's query flow control: refused queries are asked again and the sync completes", async () => {
  // Far longer than one query's round trip, even on a busy machine: the second query is always too soon.
  await connect(['query_limit_ms 600', 'holding 2 600000 1000 10.00']);
  assert.ok(
    logs.some((l) => /query refused \(\[11000004\] query too frequent\); asking again/.test(l.msg)),
    'said',
  );
  assert.is(me.getGateway('XTP').status, GatewayStatus.CONNECTED);
  assert.is(position('600000.SSE')?.volume, 1000, 'positions synced before connect resolved');
  assert.ok(
    me.getAllAccounts().some((a) => a.gatewayName === 'XTP'),
    'the account too',
  );
});

test('seeded fuzz: depth records of random bytes through the connected gateway never crash it or leak garbage', async () => {
  await connect();
  me.subscribe({ symbol: '600000', exchange: Exchange.SSE }, 'XTP');
  await until(() => ticks.length > 0, 'a tick');
  const before = ticks.length;
  await sim.control('fuzz_ticks 20250102 2000');
  await sim.control('tick_interval_us 20000');
  // The real feed's ticks come after the fuzz on the same library thread.
  await until(
    () => ticks.slice(before).some((t) => t.bidPrice1 === 10.5 && t.askPrice1 === 10.51),
    'a real tick after the fuzz',
  );
  for (const t of ticks) {
    assert.is(t.vtSymbol, '600000.SSE', 'only the subscribed symbol');
    for (const [k, v] of Object.entries(t))
      if (typeof v === 'number') assert.ok(Number.isFinite(v) && v >= 0, `${k} = ${v}`);
    for (const [p, v] of [...(t.depth?.bids ?? []), ...(t.depth?.asks ?? [])])
      assert.ok(p > 0 && p < 1e9 && Number.isFinite(v) && v >= 0, `depth level ${p} × ${v}`);
    assert.ok(t.lastPrice < 1e9 && t.bidPrice1 < 1e9 && t.askPrice1 < 1e9, 'prices are prices');
    assert.ok(t.datetime > Date.UTC(2000, 0, 1), 'a real time');
  }
  assert.ok(
    logs.some((l) => /OnDepthMarketData: malformed record skipped/.test(l.msg)),
    'the malformed records are logged',
  );
  assert.is(me.getGateway('XTP').status, GatewayStatus.CONNECTED);
});

test('settings a person can get wrong give a clear error before anything is loaded', async () => {
  sim = await startSim({ abiVersion: '2.2.32' });
  me = new MainEngine({ log: false });
  me.addGateway(XtpGateway, 'XTP');
  const cases: [Record<string, string | number>, RegExp][] = [
    [{ trade_port: 0 }, /"trade_port" must be a port/],
    [{ quote_address: '' }, /"quote_address" is empty/],
    [{ trader_library: '/no/such/libxtptraderapi.so' }, /"trader_library": no file at/],
  ];
  for (const [extra, message] of cases) {
    const error = await me.connect(sim.setting(extra), 'XTP').then(
      () => '',
      (e: Error) => e.message,
    );
    assert.match(error, message);
  }
});

test.run();
