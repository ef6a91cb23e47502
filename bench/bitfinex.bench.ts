// BITFINEX gateway: (1) ticks/s from book messages recorded from the simulator (P0 book with checksums,
// sequence numbers and timestamps) through the gateway's decode path — framing, shape check, book update,
// checksum verification on every `cs`, tick fill and copy — beside JSON.parse alone over the same bytes;
// (2) order round trip sendOrder -> NOTTRADED against the simulator on loopback, beside a raw WebSocket echo.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { Direction, Exchange, Offset, OrderType, Status } from '../src/core/constant.js';
import { EventEngine } from '../src/core/event.js';
import { createTick, type TickData } from '../src/core/object.js';
import { copyTick } from '../gateways/common/tick.js';
import { BitfinexBook } from '../gateways/bitfinex/book.js';
import { channelFrame } from '../gateways/bitfinex/frame.js';
import { BitfinexGateway } from '../gateways/bitfinex/index.js';
import { CONF_FLAGS } from '../gateways/bitfinex/market-data.js';
import { bookLevelProblem } from '../gateways/bitfinex/shape.js';
import { startBitfinexSim } from '../gateways/bitfinex/sim/server.js';
import { settingFor } from '../test/gateways/bitfinex/target.js';
import { percentile, report } from './report.js';

const RECORDED = 20_000;
const ROUND_TRIPS = 300;

async function record(url: string): Promise<string[]> {
  const ws = new WebSocket(url);
  const messages: string[] = [];
  await new Promise((r) => ws.once('open', r));
  let chanId = -1;
  ws.on('message', (d) => {
    const text = d.toString();
    if (chanId < 0) {
      const e = JSON.parse(text) as { event?: string; channel?: string; chanId?: number };
      if (e.event === 'subscribed' && e.channel === 'book') chanId = e.chanId!;
      return;
    }
    if (text.startsWith(`[${chanId},`)) messages.push(text);
  });
  ws.send(JSON.stringify({ event: 'conf', flags: CONF_FLAGS }));
  ws.send(JSON.stringify({ event: 'subscribe', channel: 'book', symbol: 'tBTCUSD', prec: 'P0', len: '25' }));
  while (messages.length < RECORDED) await new Promise((r) => setTimeout(r, 20));
  ws.terminate();
  return messages.slice(0, RECORDED);
}

function decode(messages: string[]): { ticks: number; mismatches: number } {
  const book = new BitfinexBook();
  const tick = createTick({
    gatewayName: 'BITFINEX',
    symbol: 'BTCUSD',
    exchange: Exchange.BITFINEX,
    datetime: 0,
  });
  let ticks = 0;
  let mismatches = 0;
  let sink: TickData | undefined;
  for (const m of messages) {
    const f = channelFrame(JSON.parse(m))!;
    if (f.type === 'cs') {
      if (book.checksum() !== f.payload) mismatches++;
      continue;
    }
    if (f.type === 'hb') continue;
    const p = f.payload as number[] | number[][];
    if (Array.isArray(p[0])) book.snapshot(p as number[][]);
    else {
      if (bookLevelProblem(p)) continue;
      book.update(p as number[]);
    }
    book.fillTick(tick);
    sink = copyTick(tick);
    ticks++;
  }
  if (!sink) throw new Error('no tick');
  return { ticks, mismatches };
}

function timeIt(fn: () => void, rounds = 5): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

async function echoRoundTrips(): Promise<number[]> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.on('message', (d) => ws.send(d)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise((r) => ws.once('open', r));
  const out: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t0 = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send('[0,"on",null,{}]');
    });
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ws.terminate();
  wss.close();
  await new Promise<void>((r) => server.close(() => r()));
  return out;
}

async function main(): Promise<void> {
  const sim = await startBitfinexSim({ seed: 7, tickRate: 2000, volatility: 0 });
  const messages = await record(sim.wsUrl);
  const check = decode(messages);
  if (check.mismatches > 0) throw new Error(`${check.mismatches} checksum mismatches in the recording`);
  const parseMs = timeIt(() => {
    for (const m of messages) JSON.parse(m);
  });
  const gatewayMs = timeIt(() => decode(messages));
  report({
    bench: 'bitfinex.book_messages_to_ticks',
    value: (messages.length / gatewayMs) * 1000,
    unit: 'messages/s',
    baseline: (messages.length / parseMs) * 1000,
    baselineName: 'JSON.parse alone',
    ticks: check.ticks,
  });

  sim.exchange.setTickRate(0);
  const ee = new EventEngine();
  const statuses = new Map<string, Status>();
  ee.registerGeneral((e) => {
    if (e.type === 'order') statuses.set(e.data.orderid, e.data.status);
  });
  ee.start();
  const gw = new BitfinexGateway(ee, 'BITFINEX');
  await gw.connect(settingFor(sim));
  const rt: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t0 = process.hrtime.bigint();
    const vt = gw.sendOrder({
      symbol: 'BTCUSD',
      exchange: Exchange.BITFINEX,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 90000,
      volume: 0.001,
      offset: Offset.NONE,
    });
    const id = vt.split('.')[1]!;
    while (statuses.get(id) !== Status.NOTTRADED) await new Promise((r) => setImmediate(r));
    rt.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const echo = await echoRoundTrips();
  report({
    bench: 'bitfinex.order_round_trip_p50',
    value: percentile(rt, 50),
    unit: 'ms',
    baseline: percentile(echo, 50),
    baselineName: 'raw WebSocket echo',
  });
  await gw.close();
  ee.stop();
  await sim.close();
}

await main();
