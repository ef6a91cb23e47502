// IB-specific behaviour beyond the shared suite, against the simulated TWS: symbol lookup and input
// validation, market/stop orders, TWS's 1100/1101 notices, history, pacing under a burst, and refusals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Interval,
  LogLevel,
  Offset,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { RequestError } from '../../../src/core/errors.js';
import type { AnyEvent } from '../../../src/core/event.js';
import type { LogData, OrderRequest, TickData } from '../../../src/core/object.js';
import type { SimExchange } from '../../../src/sim/types.js';
import { IbGateway } from '../../../gateways/ib/index.js';
import { IB_SIM_ACCOUNT, startIbSimulator, type TwsSimulator } from '../../../gateways/ib/sim/index.js';
import { contractInfo } from '../../../src/ui/contract-info.js';
import { NO_LIMITS } from '../../../src/ui/order-limits.js';
import { until } from '../../helpers/wait.js';

// Node 20's net.Socket#_destroy looks at process.stderr, which opens stderr's pipe on first use; open it
// before any resource count is taken.
void process.stderr;

let sim: TwsSimulator;
let exchange: SimExchange;
let me: MainEngine;
const ticks: TickData[] = [];
const logs: LogData[] = [];
const statuses: GatewayStatus[] = [];

function record(e: AnyEvent): void {
  if (e.type === 'tick') ticks.push(e.data);
  else if (e.type === 'log') logs.push(e.data);
  else if (e.type === 'gateway') statuses.push(e.data.status);
}

function order(
  symbol: string,
  type: OrderType,
  price: number,
  volume = 1,
  direction = Direction.LONG,
): OrderRequest {
  return {
    symbol,
    exchange: Exchange.SMART,
    direction,
    type,
    price,
    volume,
    offset: Offset.NONE,
    reference: 'ib-test',
  };
}

const received = (kind: string): number => sim.received.get(kind) ?? 0;

test.before(async () => {
  ({ sim, exchange } = await startIbSimulator({ seed: 3, tickRate: 0 }));
  me = new MainEngine({ log: false });
  me.eventEngine.registerGeneral(record);
  me.addGateway(IbGateway, 'IB');
  await me.connect(
    {
      host: '127.0.0.1',
      port: sim.port,
      clientId: 11,
      account: IB_SIM_ACCOUNT,
      contracts: '265598, msft-usd-stk',
    },
    'IB',
  );
});

test.after(async () => {
  await me.close();
  exchange.stop();
  await sim.stop();
});

test('connect: contracts from the setting (by conId and by SYMBOL-CCY-TYPE) are listed by conId', async () => {
  await until(
    () => me.getContract('265598.SMART') !== undefined && me.getContract('272093.SMART') !== undefined,
    'both contracts',
  );
  const aapl = me.getContract('265598.SMART')!;
  assert.is(aapl.name, 'APPLE INC');
  assert.is(aapl.pricetick, 0.01);
  assert.is(aapl.currency, 'USD');
  assert.ok(aapl.netPosition && aapl.historyData);
  // The simulator's three days of sessions (weekends closed), in the venue's time zone.
  const day = String.raw`\w{3} \d\d-\d\d`;
  assert.match(
    aapl.tradingHours ?? '',
    new RegExp(
      `^${day} (04:00-20:00|closed)(; ${day} (04:00-20:00|closed)){2} \\(US/Eastern\\) — liquid ${day}`,
    ),
  );
  assert.is(contractInfo(me, aapl, NO_LIMITS)['Trading hours'], aapl.tradingHours);
  await until(() => logs.some((l) => l.msg.includes('2104')), 'the farm notice');
  const farm = logs.find((l) => l.msg.includes('2104'))!;
  assert.is(farm.level, LogLevel.DEBUG, 'informational farm messages are logged quietly');
});

test('subscribe by symbol lookup: ticks and depth arrive under the conId vtSymbol', async () => {
  me.subscribe({ symbol: ' spy-usd-stk ', exchange: Exchange.SMART }, 'IB');
  await until(
    () => ticks.some((t) => t.vtSymbol === '756733.SMART' && t.bidPrice2 > 0 && t.askPrice2 > 0),
    'SPY depth ticks',
  );
  const t = ticks.filter((x) => x.vtSymbol === '756733.SMART' && x.bidPrice2 > 0).pop()!;
  assert.ok(
    t.bidPrice1 > t.bidPrice2 && t.askPrice2 > t.askPrice1 && t.askPrice1 > t.bidPrice1,
    'a sane book',
  );
  assert.ok(me.getContract('756733.SMART'), 'the looked-up contract is listed');
});

test('a conId subscribed on a named exchange is quoted under that exchange', async () => {
  me.subscribe({ symbol: '265598', exchange: Exchange.NASDAQ }, 'IB');
  await until(
    () => ticks.some((t) => t.vtSymbol === '265598.NASDAQ' && t.bidPrice1 > 0),
    'ticks for 265598.NASDAQ',
  );
  assert.is(ticks.find((t) => t.vtSymbol === '265598.NASDAQ')!.exchange, Exchange.NASDAQ);
});

test('bad symbol input never reaches TWS', async () => {
  const before = received('reqMktData') + received('reqContractDetails');
  const logCount = logs.length;
  for (const bad of [
    '265598; DROP',
    '',
    '   ',
    'AAPL',
    '-5',
    '99999999999',
    'AAPL-USD-XYZ',
    'A\u0000B-USD-STK',
  ]) {
    me.subscribe({ symbol: bad, exchange: Exchange.SMART }, 'IB');
  }
  const refusals = () => logs.slice(logCount).filter((l) => l.msg.startsWith('subscribe refused'));
  await until(() => refusals().length === 8, 'eight refusals');
  assert.ok(
    refusals().every((l) => l.level === LogLevel.ERROR && /neither a conId|empty|out of range/.test(l.msg)),
    'each is refused at error level with its reason',
  );
  const gw = me.getGateway('IB');
  assert.throws(
    () => gw.sendOrder(order('AAPL', OrderType.LIMIT, 100)),
    (e: unknown) => e instanceof RequestError,
  );
  assert.throws(
    () => gw.cancelOrder({ orderid: 'x1', symbol: '265598', exchange: Exchange.SMART }),
    (e: unknown) => e instanceof RequestError,
  );
  // A round trip that does reach TWS, so anything sent before it has been counted.
  me.subscribe({ symbol: '272093', exchange: Exchange.SMART }, 'IB');
  await until(() => ticks.some((t) => t.vtSymbol === '272093.SMART'), 'MSFT ticks');
  assert.is(
    received('reqMktData') + received('reqContractDetails'),
    before + 1,
    'only the valid subscription was sent',
  );
});

test('market and stop orders: a market buy fills, a stop rests and cancels', async () => {
  const posBefore = me.getAllPositions().find((p) => p.vtSymbol === '265598.SMART')?.volume ?? 0;
  const mkt = me.sendOrder(order('265598', OrderType.MARKET, 0, 3), 'IB');
  await until(() => me.getOrder(mkt)?.status === Status.ALLTRADED, 'the market order to fill');
  await until(
    () =>
      me
        .getAllTrades()
        .filter((t) => t.vtOrderid === mkt)
        .reduce((s, t) => s + t.volume, 0) === 3,
    'its trades',
  );
  await until(
    () => (me.getAllPositions().find((p) => p.vtSymbol === '265598.SMART')?.volume ?? 0) === posBefore + 3,
    'the NET position',
  );
  const pos = me.getAllPositions().find((p) => p.vtSymbol === '265598.SMART')!;
  assert.is(pos.direction, Direction.NET);
  assert.ok(pos.price > 0, 'average cost is reported');

  const stop = me.sendOrder(order('265598', OrderType.STOP, 250, 1), 'IB');
  await until(() => me.getOrder(stop)?.status === Status.NOTTRADED, 'the stop to rest');
  const o = me.getOrder(stop)!;
  me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'IB');
  await until(() => me.getOrder(stop)?.status === Status.CANCELLED, 'the stop to cancel');
});

test('amend: PLACE_ORDER again under the same id changes price and quantity in place; a filled order is refused with 104', async () => {
  assert.ok(me.getCapabilities('IB', '265598.SMART').amend, 'IB amends in place');
  const last = exchange.getStats('265598')!.lastPrice;
  const low = Math.round(last * 0.8 * 100) / 100;
  const id = me.sendOrder(order('265598', OrderType.LIMIT, low, 2), 'IB');
  await until(() => me.getOrder(id)?.status === Status.NOTTRADED, 'the order to rest');
  const orderid = id.slice('IB.'.length);
  const placed = received('placeOrder');
  const ref = { orderid, symbol: '265598', exchange: Exchange.SMART };
  // The price alone.
  assert.is(await me.amendOrder({ ...ref, price: low - 1 }, 'IB'), id, 'the same order');
  await until(() => me.getOrder(id)?.price === low - 1, 'the price amended');
  assert.is(exchange.getOrderByClientId(IB_SIM_ACCOUNT, `11/${orderid}`)!.price, low - 1, 'at TWS too');
  // The volume alone.
  await me.amendOrder({ ...ref, volume: 5 }, 'IB');
  await until(() => me.getOrder(id)?.volume === 5, 'the volume amended');
  assert.is(me.getOrder(id)!.price, low - 1);
  assert.is(me.getOrder(id)!.status, Status.NOTTRADED);
  assert.is(received('placeOrder'), placed + 2, 'one PLACE_ORDER per amend, no replacement order');
  assert.is(exchange.getOrderByClientId(IB_SIM_ACCOUNT, `11/${orderid}`)!.volume, 5);
  // TWS fills the order before it reads the modification: the simulator runs in this process and reads the
  // socket only after this synchronous block, so the fill is made first.
  await me.amendOrder({ ...ref, price: low - 2 }, 'IB');
  exchange.crossFromMarket('265598', 'SELL', low - 1, 5);
  await until(
    () => logs.some((l) => l.msg.includes(`amend of order ${orderid} refused: 104`)),
    'the refusal with its code',
  );
  await until(() => me.getOrder(id)?.status === Status.ALLTRADED, 'the fill');
  const o = me.getOrder(id)!;
  assert.is(o.traded, 5, 'the order is kept, filled, not rejected');
  assert.is(o.price, low - 1, 'at the price it had');
  assert.ok(me.getAllActiveOrders().every((x) => x.vtOrderid !== id));
});

test("what-if: IB's margin and commission for an order, nothing placed; a refused one rejects", async () => {
  const before = me.getAllOrders().length;
  const placed = received('placeOrder');
  const cost = await me.queryOrderCost(order('265598', OrderType.LIMIT, 190, 100), 'IB');
  // The simulated TWS: Regulation T's 50% initial and 25% maintenance of 19,000 USD; 0.01% commission.
  assert.equal(
    [cost.initMarginChange, cost.maintMarginChange, cost.commission, cost.currency, cost.warning],
    [9500, 4750, 1.9, 'USD', ''],
  );
  assert.ok(cost.initMarginAfter! >= 9500 && cost.maintMarginAfter! >= 4750, 'the account with the order');
  assert.is(cost.equityAfter, cost.equityBefore! - 1.9);
  assert.is(received('placeOrder'), placed + 1, 'one PLACE_ORDER with whatIf set');
  await me.eventEngine.idle();
  assert.is(me.getAllOrders().length, before, 'no order in the OMS');
  // A conId TWS does not know (asked of the gateway itself: MainEngine refuses a contract it has not listed):
  // TWS's error 200 for the what-if order id is the answer.
  const refused = await me
    .getGateway('IB')
    .queryOrderCost(order('999999', OrderType.LIMIT, 10, 1))
    .then(
      () => 'answered',
      (e: Error) => e.message,
    );
  assert.match(refused, /^200 No security definition/, refused);
  // Checked like an order first: an off-tick price never reaches TWS.
  const sent = received('placeOrder');
  await me.queryOrderCost(order('265598', OrderType.LIMIT, 190.005, 100), 'IB').then(
    () => assert.unreachable('an off-tick price was asked'),
    (e: Error) => assert.match(e.message, /tick/),
  );
  assert.is(received('placeOrder'), sent);
});

test('1100 marks the link down; 1101 restores it and renews market data', async () => {
  const mktBefore = received('reqMktData');
  sim.linkLost();
  await until(() => me.getGateway('IB').status === GatewayStatus.RECONNECTING, 'RECONNECTING on 1100');
  const tickCount = ticks.length;
  sim.linkRestored(true);
  await until(() => me.getGateway('IB').status === GatewayStatus.CONNECTED, 'CONNECTED on 1101');
  await until(() => received('reqMktData') >= mktBefore + 2, 'both subscriptions renewed');
  await until(() => ticks.slice(tickCount).some((t) => t.vtSymbol === '756733.SMART'), 'ticks after renewal');
});

test('history: minute bars for a span come back in order and inside it', async () => {
  const end = Date.now();
  const start = end - 3 * 3_600_000;
  const bars = await me
    .getGateway('IB')
    .queryHistory({ symbol: '265598', exchange: Exchange.SMART, start, end, interval: Interval.MINUTE });
  assert.ok(bars.length > 0, 'some bars');
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i]!;
    assert.ok(b.datetime >= start && b.datetime <= end, 'inside the span');
    assert.ok(b.lowPrice <= b.openPrice && b.openPrice <= b.highPrice && b.lowPrice > 0, 'a sane bar');
    if (i > 0) assert.ok(b.datetime > bars[i - 1]!.datetime, 'ascending');
    assert.is(b.vtSymbol, '265598.SMART');
  }
});

test("pacing: a burst of 70 orders stays under TWS's 50 messages/s and every order arrives", async () => {
  const statusCount = statuses.length;
  const ids: string[] = [];
  for (let i = 0; i < 70; i++)
    ids.push(me.sendOrder(order('265598', OrderType.LIMIT, 100 + (i % 10) * 0.01, 1), 'IB'));
  await until(() => ids.every((id) => me.getOrder(id)?.status === Status.NOTTRADED), 'all 70 orders to rest');
  assert.not.ok(
    statuses.slice(statusCount).includes(GatewayStatus.RECONNECTING),
    'TWS never dropped the client',
  );
  assert.not.ok(
    logs.some((l) => l.msg.includes('Max rate')),
    'TWS never complained about the rate',
  );
  for (const id of ids) {
    const o = me.getOrder(id)!;
    me.cancelOrder({ orderid: o.orderid, symbol: o.symbol, exchange: o.exchange }, 'IB');
  }
  await until(() => ids.every((id) => me.getOrder(id)?.status === Status.CANCELLED), 'all cancelled');
});

test('refusals: unreachable TWS, a foreign account, a client id in use, a bad contracts setting', async () => {
  const other = new MainEngine({ log: false });
  other.addGateway(IbGateway, 'IB2');
  try {
    await other.connect(
      { host: '127.0.0.1', port: sim.port, clientId: 12, account: 'U9999999', contracts: '' },
      'IB2',
    );
    assert.unreachable('connected with a foreign account');
  } catch (error) {
    assert.match(
      (error as Error).message,
      /account U9999999 is not managed by this TWS login \(it has: DU1234567\)/,
    );
  }
  try {
    await other.connect(
      { host: '127.0.0.1', port: sim.port, clientId: 11, account: '', contracts: '' },
      'IB2',
    );
    assert.unreachable('connected with a client id in use');
  } catch (error) {
    assert.match(
      (error as Error).message,
      /TWS said: 326 Unable to connect as the client id is already in use/,
    );
  }
  const stopped = await startIbSimulator();
  const port = stopped.sim.port;
  stopped.exchange.stop();
  await stopped.sim.stop();
  try {
    await other.connect({ host: '127.0.0.1', port, clientId: 12, account: '', contracts: '' }, 'IB2');
    assert.unreachable('connected to nothing');
  } catch (error) {
    assert.match((error as Error).message, /TWS is not reachable at 127\.0\.0\.1:\d+/);
  }
  try {
    await other.connect({ host: '127.0.0.1', port, clientId: 12, account: '', contracts: 'AAPL' }, 'IB2');
    assert.unreachable('accepted a bad contracts setting');
  } catch (error) {
    assert.match((error as Error).message, /setting "contracts": "AAPL" is neither a conId/);
  }
  await other.close();
});

test('close while reconnecting: no timer or socket is left behind', async () => {
  const count = (): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
    return m;
  };
  // until() polls with a Timeout of its own.
  const allowed = (base: Map<string, number>, k: string): number =>
    (base.get(k) ?? 0) + (k === 'Timeout' ? 1 : 0);
  const extra = (base: Map<string, number>): string[] =>
    [...count()]
      .filter(([k, n]) => /TCP|Timeout/.test(k) && n > allowed(base, k))
      .map(([k, n]) => `${k} x${n - allowed(base, k)}`);
  const base = count();
  const own = await startIbSimulator({ seed: 9 });
  const engine = new MainEngine({ log: false });
  engine.addGateway(IbGateway, 'IB3');
  await engine.connect(
    { host: '127.0.0.1', port: own.sim.port, clientId: 21, account: '', contracts: '' },
    'IB3',
  );
  await own.sim.restart();
  await until(() => engine.getGateway('IB3').status === GatewayStatus.RECONNECTING, 'RECONNECTING');
  await engine.close();
  assert.is(engine.getGateway('IB3').status, GatewayStatus.DISCONNECTED);
  own.exchange.stop();
  await own.sim.stop();
  await until(
    () => extra(base).length === 0,
    `IB3's sockets and timers to be released (${extra(base).join(', ')})`,
  );
});

test.run();
