// Seeded fuzzing of what OpenD (or anything on its port) can send: packets cut at random points, bodies with
// flipped bytes, checksums that do not match, hostile values in well-formed protobuf (NaN prices, negative
// quantities, unknown enums, foreign accounts), and finally bytes that are no OpenD stream at all. The decoder
// reports and skips a bad packet; the gateway logs and goes on; only an unframeable stream ends the link, which
// is then rebuilt. Replays from the seed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../src/core/constant.js';
import { decodeBody, encodeBody, encodePacket, FrameDecoder, isBad } from '../../../gateways/futu/codec.js';
import { PROTO, PROTO_NAME } from '../../../gateways/futu/protocol.js';
import { startFutuSimulator } from '../../../gateways/futu/sim/index.js';
import { FuzzRng } from '../../helpers/fuzz.js';
import { until } from '../../helpers/wait.js';
import {
  DOCUMENTED_PUSHES,
  TRD_HEADER,
  ORDER,
  ORDER_FILL,
  BASIC_QOT,
} from '../../fixtures/futu/documented.js';
import { connectFutu, realSetting } from './engine.js';

const SEED = Number(process.env.VNT_FUZZ_SEED) || 20261202;
const PUSH_IDS = Object.keys(DOCUMENTED_PUSHES).map((n) => PROTO[n as keyof typeof PROTO]);

function pushBytes(protoId: number, s2c: unknown): Buffer {
  const name = PROTO_NAME.get(protoId)!;
  return Buffer.from(encodeBody(`${name}.Response`, { retType: 0, s2c: s2c as Record<string, unknown> }));
}

function mutate(rng: FuzzRng, body: Buffer): Buffer {
  const out = Buffer.from(body);
  for (let i = rng.int(1, 4); i > 0 && out.length > 0; i--) out[rng.int(0, out.length - 1)] = rng.int(0, 255);
  return out;
}

test('decoder: random cuts, flipped bytes and bad checksums never lose framing or throw past the caller', () => {
  const rng = new FuzzRng(SEED);
  for (let round = 0; round < 300; round++) {
    const sent: Array<{ id: number; corrupt: boolean }> = [];
    const parts: Buffer[] = [];
    for (let i = rng.int(1, 6); i > 0; i--) {
      const id = rng.pick(PUSH_IDS);
      const name = PROTO_NAME.get(id)!;
      let body = pushBytes(id, DOCUMENTED_PUSHES[name]);
      if (rng.bool(0.4)) body = mutate(rng, body);
      if (rng.bool(0.1)) body = rng.bytes(rng.int(0, 64));
      const packet = encodePacket(id, rng.int(0, 1000), body);
      const corrupt = rng.bool(0.2);
      if (corrupt) packet[16 + rng.int(0, 19)] ^= 0x5a;
      sent.push({ id, corrupt });
      parts.push(packet);
    }
    const d = new FrameDecoder();
    const got: Array<{ id: number; corrupt: boolean }> = [];
    for (const piece of rng.split(Buffer.concat(parts), 10)) {
      d.push(piece);
      for (let p = d.next(); p; p = d.next()) {
        if (isBad(p)) {
          got.push({ id: p.protoId, corrupt: true });
          continue;
        }
        got.push({ id: p.protoId, corrupt: false });
        try {
          decodeBody(`${PROTO_NAME.get(p.protoId)}.Response`, p.body);
        } catch (error) {
          assert.instance(error, Error, 'a decode failure is an Error the client can report');
        }
      }
    }
    assert.equal(got, sent, `round ${round} (seed ${SEED}): every packet framed, every bad checksum caught`);
    assert.is(d.buffered, 0);
  }
});

test('the connected gateway survives hostile pushes and garbage, and still trades afterwards', async () => {
  const rng = new FuzzRng(SEED + 1);
  const { sim, exchange } = await startFutuSimulator({ tickRate: 0 });
  try {
    const { me, seen } = await connectFutu(realSetting(sim));
    me.subscribe({ symbol: '00700', exchange: Exchange.SEHK }, 'FUTU');
    await until(() => me.getTick('00700.SEHK') !== undefined, 'a first tick');
    const hostile = (): unknown => rng.pick([Number.NaN, -1, 0, 1e300, -1e300, Number.POSITIVE_INFINITY, 7]);
    const header = { ...TRD_HEADER, accID: '281756455988880' };
    for (let i = 0; i < 400; i++) {
      const kind = rng.int(0, 5);
      let id: number;
      let s2c: unknown;
      if (kind === 0) {
        id = PROTO.Trd_UpdateOrder;
        s2c = {
          header: rng.bool(0.3) ? { ...header, accID: '1' } : header,
          order: {
            ...ORDER,
            orderID: String(9_000_000 + i),
            qty: hostile(),
            fillQty: hostile(),
            orderStatus: rng.int(-5, 30),
            trdSide: rng.int(0, 6),
            price: hostile(),
          },
        };
      } else if (kind === 1) {
        id = PROTO.Trd_UpdateOrderFill;
        s2c = {
          header,
          orderFill: {
            ...ORDER_FILL,
            fillID: String(8_000_000 + i),
            qty: hostile(),
            price: hostile(),
            trdSide: rng.int(0, 6),
          },
        };
      } else if (kind === 2) {
        id = PROTO.Qot_UpdateBasicQot;
        s2c = {
          basicQotList: [
            { ...BASIC_QOT, curPrice: hostile(), volume: rng.pick(['-5', '0', '9007199254740993']) },
          ],
        };
      } else if (kind === 3) {
        id = PROTO.Notify;
        s2c = {
          type: rng.int(-3, 12),
          event: { eventType: rng.int(-1, 40), desc: rng.nastyString().slice(0, 200) },
        };
      } else {
        id = rng.pick(PUSH_IDS);
        s2c = DOCUMENTED_PUSHES[PROTO_NAME.get(id)!];
      }
      let body = pushBytes(id, s2c);
      if (kind >= 4) body = mutate(rng, body);
      const packet = encodePacket(id, 0, body);
      if (rng.bool(0.1)) packet[20] ^= 1;
      for (const piece of rng.split(packet, 4)) sim.sendRaw(piece);
    }
    // A marker push after the storm: once it is handled, everything before it was.
    sim.notify({ type: 1, event: { eventType: 7, desc: 'fuzz-end' } });
    await until(() => seen.logs.some((l) => /fuzz-end/.test(l.msg)), 'the marker');
    assert.is(me.getGateway('FUTU').status, GatewayStatus.CONNECTED);
    for (const o of seen.orders) {
      assert.ok(Number.isFinite(o.volume) && o.volume > 0, `order ${o.orderid} volume ${o.volume}`);
      assert.ok(
        Number.isFinite(o.traded) && o.traded >= 0 && o.traded <= o.volume,
        `order traded ${o.traded}`,
      );
      assert.ok(Number.isFinite(o.price), `order price ${o.price}`);
    }
    for (const t of seen.trades) {
      assert.ok(
        Number.isFinite(t.price) && t.price > 0 && t.volume > 0,
        `trade ${t.tradeid} ${t.volume}@${t.price}`,
      );
    }
    const tick = me.getTick('00700.SEHK')!;
    assert.ok(Number.isFinite(tick.lastPrice), 'no NaN reached a tick');
    assert.match(seen.logText(), /skipped/);

    // Not an OpenD stream at all: the link goes with a reason and is rebuilt.
    const before = seen.statuses.length;
    sim.sendRaw(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await until(() => seen.statuses.slice(before).includes(GatewayStatus.RECONNECTING), 'the link dropped');
    assert.match(seen.logText(), /unframeable stream/);
    await until(() => seen.statuses.slice(before).includes(GatewayStatus.CONNECTED), 'CONNECTED again');
    const vtOrderid = me.sendOrder(
      {
        symbol: '00700',
        exchange: Exchange.SEHK,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        price: 300,
        volume: 100,
        offset: Offset.NONE,
        reference: 'fuzz',
      },
      'FUTU',
    );
    await until(() => seen.last(vtOrderid)?.status === Status.NOTTRADED, 'an order after the storm');
    await me.close();
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test.run();
