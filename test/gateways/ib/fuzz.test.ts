// Seeded fuzzing of what TWS (or anything on its port) can send: random bytes, frames cut at random points,
// valid messages with one field broken, absurd length prefixes. The decoder reports a bad message and goes
// on; only a frame it cannot hold ends the link, with a reason.
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TwsClient } from '../../../gateways/ib/client.js';
import { FrameDecoder, FrameError, MAX_FRAME_BYTES, type Field } from '../../../gateways/ib/codec.js';
import * as msg from '../../../gateways/ib/incoming.js';
import { decodeServerMessage, type ServerMessage } from '../../../gateways/ib/incoming.js';
import { ibContract, MAX_CLIENT_VERSION } from '../../../gateways/ib/protocol.js';
import {
  Direction,
  Exchange,
  GatewayStatus,
  LogLevel,
  Offset,
  OrderType,
  Status,
} from '../../../src/core/constant.js';
import { MainEngine } from '../../../src/core/engine.js';
import type { OrderData, TradeData } from '../../../src/core/object.js';
import { IbGateway } from '../../../gateways/ib/index.js';
import { IB_SIM_ACCOUNT, startIbSimulator } from '../../../gateways/ib/sim/index.js';
import { FuzzRng } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';

const V = MAX_CLIENT_VERSION;
const contract = ibContract({
  conId: 265598,
  symbol: 'AAPL',
  secType: 'STK',
  exchange: 'SMART',
  currency: 'USD',
});
const execution: msg.Execution = {
  execId: '0001f4e8.1',
  time: '20250323 10:00:00',
  account: 'DU1',
  exchange: 'ISLAND',
  side: 'BOT',
  shares: 10,
  price: 101.5,
  permId: 7,
  clientId: 1,
  cumQty: 10,
  avgPrice: 101.5,
  orderRef: 'vnt',
};

/** One valid message of each kind the gateway decodes, as field lists. */
const VALID: Field[][] = [
  msg.tickPrice({ reqId: 3, tickType: 1, price: 101.25, size: 4, attrMask: 0 }),
  msg.tickSize({ reqId: 3, tickType: 0, size: 12 }),
  msg.tickString({ reqId: 3, tickType: 45, value: '1742725261' }),
  msg.orderStatus(V, {
    orderId: 11,
    status: 'Filled',
    filled: 10,
    remaining: 0,
    avgFillPrice: 101.5,
    permId: 7,
    parentId: 0,
    lastFillPrice: 101.5,
    clientId: 1,
    whyHeld: '',
    mktCapPrice: 0,
  }),
  msg.errorMessage(V, { reqId: 11, code: 201, message: 'Order rejected', advancedOrderRejectJson: '' }),
  msg.openOrder(V, {
    orderId: 11,
    contract,
    action: 'BUY',
    totalQuantity: 10,
    orderType: 'LMT',
    lmtPrice: 101.5,
    auxPrice: 0,
    tif: 'DAY',
    account: 'DU1',
    orderRef: 'vnt',
    clientId: 1,
    permId: 7,
    status: 'Submitted',
  }),
  msg.accountValue({ key: 'NetLiquidation', value: '100000', currency: 'USD', account: 'DU1' }),
  msg.portfolioValue({
    contract,
    position: 10,
    marketPrice: 101,
    marketValue: 1010,
    averageCost: 100,
    unrealizedPnl: 10,
    realizedPnl: 0,
    account: 'DU1',
  }),
  msg.nextValidId(12),
  msg.contractDetails(V, {
    reqId: 4,
    contract,
    marketName: 'NMS',
    minTick: 0.01,
    orderTypes: 'LMT,MKT',
    validExchanges: 'SMART,ISLAND',
    longName: 'APPLE INC',
    timeZoneId: 'US/Eastern',
    tradingHours: '',
    liquidHours: '',
    minSize: 1,
    sizeIncrement: 1,
  }),
  msg.executionData(V, { reqId: 5, orderId: 11, contract, execution }),
  msg.commissionReport({ execId: execution.execId, commission: 1, currency: 'USD', realizedPnl: 0 }),
  msg.marketDepth({ reqId: 3, position: 0, operation: 0, side: 1, price: 101, size: 5 }),
  msg.historicalData(V, {
    reqId: 6,
    start: '20250322',
    end: '20250323',
    bars: [{ date: '1742725260', open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, wap: 1.2, barCount: 3 }],
  }),
  msg.position({ account: 'DU1', contract, position: 10, avgCost: 100 }),
  msg.managedAccounts(['DU1', 'DU2']),
];

const text = (f: Field): string => (typeof f === 'boolean' ? (f ? '1' : '0') : String(f));

/** A field list with one field replaced, removed, duplicated, or the list cut short or extended. */
function mutateFields(rng: FuzzRng, fields: readonly string[]): string[] {
  const out = [...fields];
  const at = rng.int(0, Math.max(0, out.length - 1));
  switch (rng.int(0, 5)) {
    case 0:
      out.splice(at, 1);
      break;
    case 1:
      out.splice(at, 0, rng.nastyString().replace(/\0/g, ''));
      break;
    case 2:
      out.length = rng.int(0, out.length);
      break;
    case 3:
      for (let i = rng.int(1, 20); i > 0; i--) out.push(rng.nastyString().replace(/\0/g, ''));
      break;
    default:
      out[at] = rng.bool(0.5) ? rng.nastyString().replace(/\0/g, '') : String(rng.nastyNumber());
  }
  return out;
}

function frameOf(fields: readonly string[]): Buffer {
  const body = Buffer.from(fields.map((f) => f + '\0').join(''), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Every number anywhere in a decoded message, to check none is NaN or infinite. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

/** Decodes like the client does: a message, or the FrameError that makes it "malformed"; anything else fails. */
function decodeOrReject(fields: readonly string[]): ServerMessage | FrameError {
  try {
    return decodeServerMessage(fields, V);
  } catch (error) {
    if (error instanceof FrameError) return error;
    throw new Error(`decoding ${JSON.stringify(fields).slice(0, 200)} threw ${String(error)}`);
  }
}

test('valid messages with one field broken decode or are refused with a FrameError, never garbage', () => {
  const rng = new FuzzRng(20251124);
  let refused = 0;
  for (let i = 0; i < 5000; i++) {
    const fields = mutateFields(rng, rng.pick(VALID).map(text));
    const result = decodeOrReject(fields);
    if (result instanceof FrameError) {
      refused++;
      assert.ok(result.message.length < 200, `a short reason: ${result.message}`);
      continue;
    }
    for (const n of numbersIn(result))
      assert.ok(Number.isFinite(n), `${result.kind} from ${JSON.stringify(fields).slice(0, 120)}: ${n}`);
    if ('msg' in result && result.msg && typeof result.msg === 'object') {
      const ids = result.msg as { orderId?: number; reqId?: number };
      for (const id of [ids.orderId, ids.reqId])
        if (id !== undefined) assert.ok(Math.abs(id) <= 2 ** 31, `a 32-bit id, got ${id}`);
    }
  }
  assert.ok(refused > 500, `mutations hit numeric fields (${refused} refused)`);
});

test('huge ids and counts are refused, not kept', () => {
  for (const fields of [
    ['9', '1', '1e300'],
    ['9', '1', '99999999999999'],
    ['3', '1e18', 'Filled', '1', '0', '1', '1', '0', '1', '1', '', '0'],
    ['1', '6', '3', '1', '-Infinity', '1', '0'],
  ]) {
    const r = decodeOrReject(fields);
    assert.instance(r, FrameError, `refused: ${fields.join('|')}`);
  }
  const negativeCount = msg
    .contractDetails(V, {
      reqId: 4,
      contract,
      marketName: '',
      minTick: 0.01,
      orderTypes: '',
      validExchanges: '',
      longName: '',
      timeZoneId: '',
      tradingHours: '',
      liquidHours: '',
      minSize: 1,
      sizeIncrement: 1,
    })
    .map(text);
  negativeCount[30] = '-50'; // secIdList count
  assert.instance(decodeOrReject(negativeCount), FrameError);
});

test('a stream of frames split at random points decodes to the same frames', () => {
  const rng = new FuzzRng(7);
  for (let round = 0; round < 300; round++) {
    const sent: string[][] = [];
    for (let i = rng.int(1, 12); i > 0; i--) {
      const base = rng.pick(VALID).map(text);
      sent.push(rng.bool(0.4) ? mutateFields(rng, base) : base);
    }
    const dec = new FrameDecoder();
    const got: string[][] = [];
    for (const chunk of rng.split(Buffer.concat(sent.map(frameOf)), 20)) {
      dec.push(chunk);
      for (let f = dec.next(); f; f = dec.next()) got.push(f);
    }
    assert.equal(got, sent, `round ${round}`);
    assert.is(dec.pending, 0);
  }
});

test('random bytes: frames or a FrameError for a length past the limit, and the buffer stays bounded', () => {
  const rng = new FuzzRng(99);
  const limit = 64 * 1024;
  for (let round = 0; round < 300; round++) {
    const dec = new FrameDecoder(limit);
    let stopped = false;
    for (let i = 0; i < 20 && !stopped; i++) {
      dec.push(rng.bytes(rng.int(0, 300)));
      try {
        for (let f = dec.next(); f; f = dec.next()) {
          assert.ok(Array.isArray(f));
          const r = decodeOrReject(f);
          if (!(r instanceof FrameError)) for (const n of numbersIn(r)) assert.ok(Number.isFinite(n));
        }
      } catch (error) {
        assert.instance(error, FrameError);
        assert.match((error as Error).message, /exceeds the 65536 limit/);
        stopped = true;
      }
      assert.ok(dec.pending <= limit + 4 + 300, `pending ${dec.pending}`);
    }
  }
});

// ---- over a real socket ----------------------------------------------------------------------------------

interface FakeTws {
  port: number;
  /** Resolves with the socket once the client's handshake has been answered. */
  accepted: Promise<net.Socket>;
  stop(): Promise<void>;
}

async function fakeTws(): Promise<FakeTws> {
  let accept!: (s: net.Socket) => void;
  const accepted = new Promise<net.Socket>((r) => (accept = r));
  const peers = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    peers.add(sock);
    sock.on('close', () => peers.delete(sock));
    sock.on('error', () => undefined);
    let answered = false;
    let seen = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      seen = Buffer.concat([seen, chunk]);
      // "API\0" + a framed version range: answer once the whole of it is in.
      if (!answered && seen.length >= 8 && seen.length >= 8 + seen.readUInt32BE(4)) {
        answered = true;
        sock.write(frameOf([String(V), '20250323 10:00:00 UTC']));
        accept(sock);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted,
    stop: () =>
      new Promise<void>((r) => {
        for (const p of peers) p.destroy();
        server.close(() => r());
      }),
  };
}

test('over TCP: broken messages are reported and skipped, every valid one arrives, in order', async () => {
  const rng = new FuzzRng(4242);
  const tws = await fakeTws();
  const got: ServerMessage[] = [];
  const malformed: string[] = [];
  const closed: string[] = [];
  const client = new TwsClient(
    { host: '127.0.0.1', port: tws.port, clientId: 1 },
    { message: (m) => got.push(m), closed: (r) => closed.push(r), malformed: (r) => malformed.push(r) },
  );
  try {
    await client.connect();
    const sock = await tws.accepted;
    const expected: (string | undefined)[] = [];
    const frames: Buffer[] = [];
    for (let i = 0; i < 2000; i++) {
      const base = rng.pick(VALID).map(text);
      const fields = rng.bool(0.5) ? mutateFields(rng, base) : base;
      if (fields.length === 0) continue; // an empty frame carries nothing to report
      const r = decodeOrReject(fields);
      expected.push(r instanceof FrameError ? undefined : r.kind);
      frames.push(frameOf(fields));
    }
    for (const chunk of rng.split(Buffer.concat(frames), 200)) sock.write(chunk);
    const want = expected.filter((k) => k !== undefined).length;
    await until(() => got.length + malformed.length >= expected.length, 'every frame handled');
    assert.equal(
      got.map((m) => m.kind),
      expected.filter((k) => k !== undefined),
    );
    assert.is(got.length, want);
    assert.is(malformed.length, expected.length - want);
    for (const m of malformed) assert.match(m, /^expected|negative count/);
    assert.ok(client.isOpen, 'still connected after malformed messages');
    assert.equal(closed, []);

    // A length no TWS message comes near: the link ends with the reason instead of buffering 4 GB.
    const head = Buffer.alloc(4);
    head.writeUInt32BE(0xfffffff0);
    sock.write(Buffer.concat([head, Buffer.from('garbage')]));
    await until(() => closed.length > 0, 'the link to close');
    assert.match(
      closed[0]!,
      new RegExp(`protocol error from TWS: frame of 4294967280 bytes exceeds the ${MAX_FRAME_BYTES} limit`),
    );
    assert.not.ok(client.isOpen);
  } finally {
    client.close();
    await tws.stop();
  }
});

test('over TCP: random bytes after the handshake never throw out of the socket handler', async () => {
  const rng = new FuzzRng(31337);
  for (let round = 0; round < 20; round++) {
    const tws = await fakeTws();
    const closed: string[] = [];
    let seen = 0;
    const client = new TwsClient(
      { host: '127.0.0.1', port: tws.port, clientId: 1 },
      { message: () => seen++, closed: (r) => closed.push(r), malformed: () => seen++ },
    );
    try {
      await client.connect();
      const sock = await tws.accepted;
      for (let i = 0; i < 10; i++) sock.write(rng.bytes(rng.int(1, 400)));
      // Random bytes may announce a frame that never completes: hanging up ends every round in a known state.
      sock.end();
      await until(() => closed.length > 0, 'the link to close');
      assert.match(closed[0]!, /^protocol error from TWS: frame of \d+ bytes exceeds|^TWS closed/);
    } finally {
      client.close();
      await tws.stop();
    }
  }
});

test('over TCP: random bytes for a handshake answer are refused with a reason', async () => {
  const rng = new FuzzRng(606);
  for (let round = 0; round < 30; round++) {
    const peers = new Set<net.Socket>();
    const reply = rng.bytes(rng.int(0, 64));
    const server = net.createServer((sock) => {
      peers.add(sock);
      sock.on('error', () => undefined);
      sock.once('data', () => sock.end(reply));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const client = new TwsClient(
      { host: '127.0.0.1', port, clientId: 1 },
      { message: () => {}, closed: () => {} },
    );
    try {
      const error = await client.connect().then(
        () => new Error('connected'),
        (e: Error) => e,
      );
      assert.match(error.message, /^TWS at 127\.0\.0\.1:\d+ |^protocol error from TWS: /, error.message);
    } finally {
      client.close();
      for (const p of peers) p.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  }
});

test('a connected gateway: broken messages are logged, trades count once and stay sane, orders still work', async () => {
  const rng = new FuzzRng(1234);
  const { sim, exchange } = await startIbSimulator({ seed: 3, tickRate: 0 });
  const me = new MainEngine({ log: false });
  const trades: TradeData[] = [];
  const orders: OrderData[] = [];
  const warnings: string[] = [];
  const statuses: GatewayStatus[] = [];
  me.eventEngine.register('gateway', (e) => statuses.push(e.data.status));
  me.eventEngine.register('trade', (e) => trades.push(e.data));
  me.eventEngine.register('order', (e) => orders.push(e.data));
  me.eventEngine.register('log', (e) => {
    if (e.data.level >= LogLevel.WARNING) warnings.push(e.data.msg);
  });
  me.addGateway(IbGateway, 'IB');
  const buy = (volume: number) =>
    me.sendOrder(
      {
        symbol: '265598',
        exchange: Exchange.SMART,
        direction: Direction.LONG,
        type: OrderType.MARKET,
        price: 0,
        volume,
        offset: Offset.NONE,
      },
      'IB',
    );
  try {
    await me.connect(
      { host: '127.0.0.1', port: sim.port, clientId: 5, account: IB_SIM_ACCOUNT, contracts: '265598' },
      'IB',
    );
    await until(() => me.getContract('265598.SMART') !== undefined, 'the contract');
    const first = buy(3);
    await until(() => me.getOrder(first)?.status === Status.ALLTRADED, 'the first order to fill');
    await until(() => trades.some((t) => t.vtOrderid === first), 'its trade');
    const real = trades.filter((t) => t.vtOrderid === first);
    const orderId = Number(first.split('.')[1]);

    // A resting order, and status reports for it claiming more filled than ordered, or less than nothing.
    const resting = me.sendOrder(
      {
        symbol: '265598',
        exchange: Exchange.SMART,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 1,
        volume: 3,
        offset: Offset.NONE,
      },
      'IB',
    );
    await until(() => me.getOrder(resting)?.status === Status.NOTTRADED, 'the resting order');
    const restingId = Number(resting.split('.')[1]);

    let broken = 0;
    const frames: Buffer[] = [];
    for (const filled of [1e9, -5, 4]) {
      const status = msg.orderStatus(V, {
        orderId: restingId,
        status: 'Submitted',
        filled,
        remaining: 3 - filled,
        avgFillPrice: 1,
        permId: 1,
        parentId: 0,
        lastFillPrice: 1,
        clientId: 5,
        whyHeld: '',
        mktCapPrice: 0,
      });
      frames.push(frameOf(status.map(text)));
    }
    for (let i = 0; i < 600; i++) {
      const fields = mutateFields(rng, rng.pick(VALID).map(text));
      if (fields.length === 0) continue;
      if (decodeOrReject(fields) instanceof FrameError) broken++;
      frames.push(frameOf(fields));
    }
    // The real fill again: TWS repeats executions after a reconnect, and so might anything else.
    for (const t of real) {
      const again = msg.executionData(V, {
        reqId: -1,
        orderId,
        contract: ibContract({
          conId: 265598,
          symbol: 'AAPL',
          secType: 'STK',
          exchange: 'SMART',
          currency: 'USD',
        }),
        execution: {
          ...execution,
          execId: t.tradeid,
          shares: t.volume,
          price: t.price,
          cumQty: 3,
          avgPrice: t.price,
        },
      });
      frames.push(frameOf(again.map(text)), frameOf(again.map(text)));
    }
    for (const chunk of rng.split(Buffer.concat(frames), 50)) sim.sendRaw(chunk);
    await until(
      () => warnings.filter((w) => w.startsWith('skipped a malformed message from TWS')).length >= broken,
      `${broken} warnings`,
    );

    // The real order's fills count once; no trade carries a non-positive or non-finite volume or price.
    assert.equal(
      trades.filter((t) => t.vtOrderid === first),
      real,
    );
    for (const t of trades) assert.ok(t.volume > 0 && Number.isFinite(t.price), JSON.stringify(t));
    for (const o of orders) assert.ok(Number.isFinite(o.traded) && o.traded <= o.volume, JSON.stringify(o));

    const rest = me.getOrder(resting)!;
    assert.is(rest.traded, 0, 'no fill made up from a bogus status');
    assert.is(rest.status, Status.NOTTRADED);

    // Usable: the next order fills.
    const second = buy(1);
    await until(() => me.getOrder(second)?.status === Status.ALLTRADED, 'a later order to fill');

    // A length no TWS message comes near ends the link with the reason; the gateway reconnects and trades.
    const head = Buffer.alloc(4);
    head.writeUInt32BE(0x7ffffff0);
    sim.sendRaw(head);
    await until(
      () =>
        warnings.some((w) => /link to TWS lost: protocol error from TWS: frame of \d+ bytes exceeds/.test(w)),
      'the drop',
    );
    await until(
      () => statuses.at(-1) === GatewayStatus.CONNECTED && statuses.includes(GatewayStatus.RECONNECTING),
      'the gateway to reconnect',
    );
    const third = buy(1);
    await until(() => me.getOrder(third)?.status === Status.ALLTRADED, 'an order after the reconnect');
  } finally {
    await me.close();
    exchange.stop();
    await sim.stop();
  }
});

test.run();
