// HBDM (USDT-M swaps) behaviour beyond the shared conformance suite: offsets (open a long, close it; a short
// is held apart), the notification link's op ping answered, a wrong secret refused at connect without the
// secret in the message, a bad notification frame logged and skipped, NONE offset refused before sending.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Interval, Offset, Status } from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { RequestError } from '../../../src/core/errors.js';
import type { LogData, OrderData, OrderRequest, PositionData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HbdmGateway } from '../../../gateways/htx/index.js';
import type { HtxSim, HtxSimOptions } from '../../../gateways/htx/sim/server.js';
import { until } from '../../helpers/wait.js';
import { quietSim } from './target.js';
import { hbdmSettingFor, heldPosition, swapOrder } from './target-hbdm.js';

interface Session {
  me: MainEngine;
  sim: HtxSim;
  logs: LogData[];
  orders: OrderData[];
  close(): Promise<void>;
}

const open: Session[] = [];

async function session(simOptions: HtxSimOptions = {}, extra: GatewaySetting = {}): Promise<Session> {
  const sim = await quietSim(simOptions);
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  const orders: OrderData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('order', (e) => orders.push(e.data));
  me.addGateway(HbdmGateway, 'HBDM');
  try {
    await me.connect(hbdmSettingFor(sim, extra), 'HBDM');
  } catch (error) {
    await me.close();
    await sim.close();
    throw error;
  }
  let closed = false;
  const s: Session = {
    me,
    sim,
    logs,
    orders,
    close: async () => {
      if (closed) return;
      closed = true;
      await me.close();
      await sim.close();
    },
  };
  open.push(s);
  return s;
}

test.after.each(async () => {
  for (const s of open.splice(0)) await s.close();
});

const req = (direction: Direction, offset: Offset, price: number, volume: number): OrderRequest =>
  swapOrder('BTC-USDT', direction, offset, price, volume);

const position = (me: MainEngine, direction: Direction): PositionData | undefined =>
  heldPosition(me, 'BTC-USDT', direction);

test('contracts carry the contract size and tick; offsets open and close a long, a short is held apart', async () => {
  const s = await session();
  const c = s.me.getContract('BTC-USDT.HUOBI');
  assert.ok(c, 'BTC-USDT is listed');
  assert.is(c!.size, 0.001);
  assert.is(c!.pricetick, 0.1);
  assert.is(c!.netPosition, false);

  const open1 = s.me.sendOrder(req(Direction.LONG, Offset.OPEN, 90000, 3), 'HBDM');
  await until(() => s.me.getOrder(open1)?.status === Status.NOTTRADED, 'open order rests');
  s.sim.exchange.crossFromMarket('BTC-USDT', 'SELL', 90000, 3);
  await until(() => position(s.me, Direction.LONG)?.volume === 3, 'long of 3 contracts');

  const short = s.me.sendOrder(req(Direction.SHORT, Offset.OPEN, 99000, 2), 'HBDM');
  await until(() => s.me.getOrder(short)?.status === Status.NOTTRADED, 'short open rests');
  s.sim.exchange.crossFromMarket('BTC-USDT', 'BUY', 99000, 2);
  await until(() => position(s.me, Direction.SHORT)?.volume === 2, 'short of 2 contracts');
  assert.is(position(s.me, Direction.LONG)?.volume, 3, 'the long is untouched by the short');

  const close = s.me.sendOrder(req(Direction.SHORT, Offset.CLOSE, 99100, 3), 'HBDM');
  await until(() => s.me.getOrder(close)?.status === Status.NOTTRADED, 'close order rests');
  assert.is(s.me.getOrder(close)!.offset, Offset.CLOSE);
  s.sim.exchange.crossFromMarket('BTC-USDT', 'BUY', 99100, 3);
  await until(() => (position(s.me, Direction.LONG)?.volume ?? -1) === 0, 'long closed');
  assert.is(position(s.me, Direction.SHORT)?.volume, 2, 'the short stays');
});

test('closing more than is held is refused by the venue with its code', async () => {
  const s = await session();
  const id = s.me.sendOrder(req(Direction.SHORT, Offset.CLOSE, 99000, 5), 'HBDM');
  await until(() => s.me.getOrder(id)?.status === Status.REJECTED, 'rejected');
  assert.match(s.me.getOrder(id)!.statusMsg, /\(1048\)/);
});

test('an order without an offset is refused before anything is sent', async () => {
  const s = await session();
  const before = s.sim.linear.placeRequests;
  assert.throws(
    () => s.me.sendOrder(req(Direction.LONG, Offset.NONE, 90000, 1), 'HBDM'),
    (e: unknown) => e instanceof RequestError && /offset/.test((e as Error).message),
  );
  assert.is(s.sim.linear.placeRequests, before);
});

test("the notification link answers HTX's op ping", async () => {
  const s = await session({ pingMs: 20 });
  const pongs = s.sim.counts.pongs;
  await until(() => s.sim.counts.pongs >= pongs + 3, 'pongs to the notification and market pings');
  assert.is(s.sim.counts.pingCloses, 0, 'no link closed for missing pongs');
});

test('a wrong secret is refused at connect, and the secret is not in the message', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  me.addGateway(HbdmGateway, 'HBDM');
  const secret = 'not-the-secret-0000';
  try {
    await me.connect(hbdmSettingFor(sim, { secretKey: secret }), 'HBDM');
    assert.unreachable('connect succeeded with a wrong secret');
  } catch (error) {
    assert.match((error as Error).message, /Signature not valid/);
    assert.not.match((error as Error).message, new RegExp(secret));
  } finally {
    await me.close();
    await sim.close();
  }
});

test('a malformed notification push is logged and skipped; the link keeps working', async () => {
  const s = await session();
  s.sim.sendRaw(
    'notify',
    JSON.stringify({ op: 'notify', topic: 'orders.btc-usdt', contract_code: 'BTC-USDT', volume: 'lots' }),
  );
  await until(() => s.logs.some((l) => /ignored an HBDM order push/.test(l.msg)), 'a warning');
  const id = s.me.sendOrder(req(Direction.LONG, Offset.OPEN, 90000, 1), 'HBDM');
  await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'an order still works');
});

test('an order whose reply is lost is found by its client_order_id and never sent twice', async () => {
  const s = await session();
  const before = s.sim.linear.placeRequests;
  s.sim.loseNextReply('/linear-swap-api/v1/swap_order');
  const id = s.me.sendOrder(req(Direction.LONG, Offset.OPEN, 90000, 1), 'HBDM');
  await until(() => s.me.getOrder(id)?.status === Status.NOTTRADED, 'found resting by its client id');
  assert.ok(
    s.logs.some((l) => /asking HTX about order/.test(l.msg)),
    'the lost reply was noticed and the order asked for',
  );
  assert.is(s.sim.linear.placeRequests, before + 1, 'placed once');
});

test('history from /linear-swap-ex: hour bars with the USDT turnover HTX sends', async () => {
  const s = await session();
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
  const start = end - 9 * 3_600_000;
  const bars = await s.me.queryHistory(
    { symbol: 'BTC-USDT', exchange: Exchange.HUOBI, interval: Interval.HOUR, start, end },
    'HBDM',
  );
  assert.is(bars.length, 10);
  assert.is(bars[0]!.datetime, start);
  assert.ok(
    bars.some((b) => b.volume > 0 && b.turnover > b.volume),
    'turnover in USDT, not contracts',
  );
});

test.run();
