// FUTU: OpenD market-data packets → TickData (framing with SHA-1 check, protobuf decode, shape checks, tick
// merge) beside the bare protobuf decode of the same bodies; and the order round trip (sendOrder → NOTTRADED)
// through the gateway against the simulated OpenD over loopback, beside a raw KeepAlive echo on a connection
// of its own to the same server. The tick path again in encrypted mode (FTAES_ECB bodies), beside the bare AES
// open plus protobuf decode of the same bodies.
import { Direction, Exchange, Offset, OrderType, Status } from '../src/core/constant.js';
import { MainEngine } from '../src/core/engine.js';
import { copyTick } from '../gateways/common/tick.js';
import { OpenDClient } from '../gateways/futu/client.js';
import {
  decodeBody,
  encodeBody,
  encodePacket,
  FrameDecoder,
  isBad,
  type BodyCrypto,
} from '../gateways/futu/codec.js';
import { FtAesEcbCipher } from '../gateways/futu/crypto.js';
import { FutuGateway } from '../gateways/futu/index.js';
import { applyBasicQot, applyOrderBook, emptyTick } from '../gateways/futu/parse.js';
import { protoType } from '../gateways/futu/proto.js';
import { PROTO } from '../gateways/futu/protocol.js';
import { FUTU_SIM_PASSWORD, startFutuSimulator } from '../gateways/futu/sim/index.js';
import type { BasicQot, OrderBookS2C, Reply } from '../gateways/futu/types.js';
import { bestOf, percentile, report } from './report.js';

// ---- decode throughput ----------------------------------------------------------------------------------

const security = { market: 1, code: '00700' };
const bodies: Array<[number, Uint8Array]> = [];
for (let i = 0; bodies.length < 100_000; i++) {
  const px = 380 + (i % 50) * 0.2;
  bodies.push([
    PROTO.Qot_UpdateBasicQot,
    encodeBody('Qot_UpdateBasicQot.Response', {
      retType: 0,
      s2c: {
        basicQotList: [
          {
            security,
            name: '腾讯控股',
            isSuspended: false,
            listTime: '2004-06-16',
            priceSpread: 0.2,
            updateTime: '2026-12-02 10:15:03.456',
            highPrice: px + 2,
            openPrice: 381,
            lowPrice: px - 2,
            curPrice: px,
            lastClosePrice: 380.6,
            volume: String(12_000_000 + i),
            turnover: 4.9e9 + i,
            turnoverRate: 0.13,
            amplitude: 1.7,
            updateTimestamp: 1796177703.456 + i / 1000,
          },
        ],
      },
    }),
  ]);
  const level = (k: number, sign: number) => ({
    price: px + sign * 0.2 * k,
    volume: String(1000 * k + i),
    orederCount: k,
  });
  bodies.push([
    PROTO.Qot_UpdateOrderBook,
    encodeBody('Qot_UpdateOrderBook.Response', {
      retType: 0,
      s2c: {
        security,
        name: '腾讯控股',
        orderBookAskList: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => level(k, 1)),
        orderBookBidList: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => level(k, -1)),
        svrRecvTimeBidTimestamp: 1796177703.456 + i / 1000,
        svrRecvTimeAskTimestamp: 1796177703.456 + i / 1000,
      },
    }),
  ]);
}
const stream = Buffer.concat(bodies.map(([id, b]) => encodePacket(id, 0, b)));
const aes = new FtAesEcbCipher('0123456789ABCDEF');
const sealed = bodies.map(([id, b]): [number, Buffer] => [id, aes.seal(b)]);
const encryptedStream = Buffer.concat(bodies.map(([id, b]) => encodePacket(id, 0, b, 0, aes)));
const N = bodies.length;
const CHUNK = 64 * 1024;
let sink = 0;

const ticksOf = (stream: Buffer, crypto?: BodyCrypto): void => {
  const dec = new FrameDecoder();
  dec.crypto = crypto;
  const tick = emptyTick('00700', Exchange.SEHK, '腾讯控股', 'FUTU');
  for (let off = 0; off < stream.length; off += CHUNK) {
    dec.push(stream.subarray(off, Math.min(stream.length, off + CHUNK)));
    for (let p = dec.next(); p; p = dec.next()) {
      if (isBad(p)) continue;
      if (p.protoId === PROTO.Qot_UpdateBasicQot) {
        const r = decodeBody<Reply<{ basicQotList?: BasicQot[] }>>(
          'Qot_UpdateBasicQot.Response',
          p.body,
          true,
        );
        for (const q of r.s2c?.basicQotList ?? []) applyBasicQot(tick, q);
      } else {
        applyOrderBook(
          tick,
          decodeBody<Reply<OrderBookS2C>>('Qot_UpdateOrderBook.Response', p.body, true).s2c ?? {},
        );
      }
      sink += copyTick(tick).bidPrice1;
    }
  }
};
const tickMs = bestOf(5, () => ticksOf(stream));

// The floor: protobuf's own decode of the same bodies into its message objects, no framing, no conversion.
const basicType = protoType('Qot_UpdateBasicQot.Response');
const bookType = protoType('Qot_UpdateOrderBook.Response');
const decodeMs = bestOf(5, () => {
  for (const [id, b] of bodies)
    sink += (id === PROTO.Qot_UpdateBasicQot ? basicType : bookType).decode(b) ? 1 : 0;
});

report({
  bench: 'futu.tick',
  value: N / (tickMs / 1000),
  unit: 'msgs/s',
  baseline: N / (decodeMs / 1000),
  baselineName: 'bare protobufjs decode of the same bodies',
  bytes: stream.length,
  messages: N,
});

const encryptedTickMs = bestOf(5, () => ticksOf(encryptedStream, { cipherFor: () => aes }));
const openDecodeMs = bestOf(5, () => {
  for (const [id, b] of sealed)
    sink += (id === PROTO.Qot_UpdateBasicQot ? basicType : bookType).decode(aes.open(b)) ? 1 : 0;
});
report({
  bench: 'futu.tick-encrypted',
  value: N / (encryptedTickMs / 1000),
  unit: 'msgs/s',
  baseline: N / (openDecodeMs / 1000),
  baselineName: 'bare FTAES_ECB open + protobufjs decode of the same bodies',
  bytes: encryptedStream.length,
  messages: N,
});

// ---- order round trip -----------------------------------------------------------------------------------

const ORDERS = 200;
const { sim, exchange } = await startFutuSimulator({ seed: 5, tickRate: 0, cash: 1e12, orderRateLimit: 1e6 });
const me = new MainEngine({ log: false });
me.addGateway(FutuGateway, 'FUTU');
await me.connect(
  {
    host: '127.0.0.1',
    port: sim.port,
    password: FUTU_SIM_PASSWORD,
    market: 'HK',
    env: 'REAL',
    rsaKeyFile: '',
    ordersPer30s: 10_000,
  },
  'FUTU',
);
const sent = new Map<string, bigint>();
const rtt: number[] = [];
let done: (() => void) | undefined;
me.eventEngine.register('order', (e) => {
  const t0 = sent.get(e.data.vtOrderid);
  if (t0 === undefined || e.data.status !== Status.NOTTRADED) return;
  sent.delete(e.data.vtOrderid);
  rtt.push(Number(process.hrtime.bigint() - t0) / 1e6);
  done?.();
});
for (let i = 0; i < ORDERS; i++) {
  const arrived = new Promise<void>((r) => (done = r));
  const t0 = process.hrtime.bigint();
  const id = me.sendOrder(
    {
      symbol: '00700',
      exchange: Exchange.SEHK,
      direction: Direction.LONG,
      type: OrderType.LIMIT,
      price: 300,
      volume: 100,
      offset: Offset.NONE,
    },
    'FUTU',
  );
  sent.set(id, t0);
  await arrived;
}

const echo = new OpenDClient(
  { host: '127.0.0.1', port: sim.port, clientId: 'bench' },
  { push: () => undefined, closed: () => undefined, malformed: () => undefined },
);
await echo.connect();
const echoes: number[] = [];
for (let i = 0; i < ORDERS; i++) {
  const t0 = process.hrtime.bigint();
  await echo.call('KeepAlive', { time: i });
  echoes.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
echo.close();
for (const p of [50, 99]) {
  report({
    bench: `futu.order-roundtrip.p${p}`,
    value: percentile(rtt, p),
    unit: 'ms',
    baseline: percentile(echoes, p),
    baselineName: 'KeepAlive echo over its own OpenD connection',
    orders: ORDERS,
  });
}
await me.close();
exchange.stop();
await sim.stop();
if (sink === 42) console.log('');
