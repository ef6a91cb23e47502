// HUOBI behaviour beyond the shared conformance suite: HTX's ping/pong rule on both links (answered; a
// client that does not answer is closed), an order whose reply is lost (found by client id, never sent
// twice), a refusal at connect without the secret in the message, 429 backed off, bad frames from the
// network logged and skipped, history from klines, buy-market refused before sending.
import { gunzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import {
  Direction,
  Exchange,
  GatewayStatus,
  Interval,
  Offset,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import { RequestError } from '../../../src/core/errors.js';
import type { LogData, OrderRequest, TickData } from '../../../src/core/object.js';
import type { GatewaySetting } from '../../../src/core/setting-schema.js';
import { HuobiGateway } from '../../../gateways/htx/index.js';
import type { HuobiSpotGateway } from '../../../gateways/htx/spot.js';
import type { HtxSim, HtxSimOptions } from '../../../gateways/htx/sim/server.js';
import { until } from '../../helpers/wait.js';
import { quietSim, settingFor } from './target.js';

interface Session {
  me: MainEngine;
  sim: HtxSim;
  logs: LogData[];
  ticks: TickData[];
  gw: HuobiSpotGateway;
  close(): Promise<void>;
}

const open: Session[] = [];

async function session(simOptions: HtxSimOptions = {}, extra: GatewaySetting = {}): Promise<Session> {
  const sim = await quietSim(simOptions);
  const me = new MainEngine({ log: false });
  const logs: LogData[] = [];
  const ticks: TickData[] = [];
  me.eventEngine.register('log', (e) => logs.push(e.data));
  me.eventEngine.register('tick', (e) => ticks.push(e.data));
  me.addGateway(HuobiGateway, 'HUOBI');
  try {
    await me.connect(settingFor(sim, extra), 'HUOBI');
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
    ticks,
    gw: me.getGateway('HUOBI') as HuobiSpotGateway,
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

const buy = (price: number, volume = 0.002, type = OrderType.LIMIT): OrderRequest => ({
  symbol: 'btcusdt',
  exchange: Exchange.HUOBI,
  direction: Direction.LONG,
  type,
  volume,
  price,
  offset: Offset.NONE,
  reference: '',
});

test("HTX's pings are answered on both links, so neither is closed", async () => {
  const s = await session({ pingMs: 20 });
  await until(() => s.sim.counts.pongs >= 10, 'ten pongs');
  assert.is(s.sim.counts.pingCloses, 0, 'no link closed for missing pongs');
  assert.is(s.gw.marketClient!.connectionCount, 1);
  assert.is(s.gw.privateClient!.connectionCount, 1);
  assert.is(s.gw.status, GatewayStatus.CONNECTED);
});

test('the simulator closes a market client that leaves two pings unanswered, as HTX does', async () => {
  const sim = await quietSim({ pingMs: 20 });
  try {
    const ws = new WebSocket(sim.marketUrl);
    let pings = 0;
    ws.on('message', (d: Buffer) => {
      if ('ping' in (JSON.parse(gunzipSync(d).toString()) as object)) pings += 1;
    });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    await closed;
    assert.is(pings, 2, 'closed after the second unanswered ping');
    assert.is(sim.counts.pingCloses, 1);
  } finally {
    await sim.close();
  }
});

test('an order whose reply is lost is found by its client id and not sent twice', async () => {
  const s = await session();
  s.sim.loseNextReply('/v1/order/orders/place');
  const vtOrderid = s.me.sendOrder(buy(90000), 'HUOBI');
  await until(() => s.me.getOrder(vtOrderid)?.status === Status.NOTTRADED, 'NOTTRADED after the lost reply');
  assert.is(s.sim.venue.placeRequests, 1, 'placed once');
  assert.ok(
    s.logs.some((l) => /outcome is unknown/.test(l.msg)),
    'the unknown outcome is logged',
  );
});

test('a refused key fails connect with HTX’s reason and never shows the secret', async () => {
  const sim = await quietSim();
  const me = new MainEngine({ log: false });
  me.addGateway(HuobiGateway, 'HUOBI');
  try {
    const secret = 'a-wrong-secret-0123456789';
    let message = '';
    try {
      await me.connect(settingFor(sim, { secretKey: secret }), 'HUOBI');
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /Signature not valid/);
    assert.match(message, /api-signature-not-valid/);
    assert.not.match(message, /wrong-secret/);
    assert.is(me.getGateway('HUOBI').status, GatewayStatus.DISCONNECTED);
  } finally {
    await me.close();
    await sim.close();
  }
});

test('a 429 is backed off and the query then succeeds; history comes from klines', async () => {
  const s = await session();
  s.sim.rateLimitNext(1);
  const end = Date.now();
  const bars = await s.gw.queryHistory({
    symbol: 'btcusdt',
    exchange: Exchange.HUOBI,
    interval: Interval.MINUTE,
    start: end - 30 * 60_000,
    end,
  });
  assert.ok(bars.length >= 10, `${bars.length} bars`);
  for (let i = 1; i < bars.length; i++) assert.ok(bars[i]!.datetime > bars[i - 1]!.datetime, 'ascending');
});

test('a market buy is refused before sending (HTX sizes it in the quote currency)', async () => {
  const s = await session();
  assert.throws(
    () => s.me.sendOrder(buy(0, 0.002, OrderType.MARKET), 'HUOBI'),
    (e: unknown) => e instanceof RequestError && /quote currency/.test((e as Error).message),
  );
  assert.is(s.sim.venue.placeRequests, 0);
});

test('malformed frames on both links are logged and skipped; the links stay up and data keeps flowing', async () => {
  const s = await session();
  s.me.subscribe({ symbol: 'btcusdt', exchange: Exchange.HUOBI }, 'HUOBI');
  await until(() => s.ticks.length > 0, 'a tick');
  s.sim.sendRaw('market', 'not json');
  s.sim.sendRaw(
    'market',
    JSON.stringify({ ch: 'market.btcusdt.depth.step0', ts: 1, tick: { bids: [['x']], asks: [] } }),
  );
  s.sim.sendRaw(
    'private',
    JSON.stringify({ action: 'push', ch: 'orders#*', data: { eventType: 'trade', symbol: 'btcusdt' } }),
  );
  s.sim.sendRaw('private', '[1,2');
  await until(() => s.logs.filter((l) => /ignored/.test(l.msg)).length >= 4, 'four warnings');
  const before = s.ticks.length;
  s.sim.exchange.step(5);
  await until(() => s.ticks.length > before, 'ticks after the bad frames');
  assert.is(s.gw.status, GatewayStatus.CONNECTED);
  assert.is(s.gw.marketClient!.connectionCount, 1);
  const bad = s.ticks.filter((t) => !Number.isFinite(t.bidPrice1));
  assert.is(bad.length, 0, 'no tick carries NaN');
});

test.run();
