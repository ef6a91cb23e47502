// OpenD's framing and bodies: the 44-byte header laid out as Futu documents it (py-futu-api constant.py
// MESSAGE_HEAD_FMT "<1s1sI2B2I20s8s": "F","T", protoID u32, protoFmtType u8, protoVer u8, serialNo u32,
// bodyLen u32, SHA-1 20 bytes, reserved 8 bytes, little-endian), streaming decode of partial and coalesced
// packets, SHA-1 checked on receipt, and protobuf bodies on the documented field numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  decodeBody,
  encodeBody,
  encodePacket,
  FrameDecoder,
  FramingError,
  isBad,
  sha1,
  type Packet,
} from '../../../gateways/futu/codec.js';
import { PROTO } from '../../../gateways/futu/protocol.js';

function packets(d: FrameDecoder): Packet[] {
  const out: Packet[] = [];
  for (let p = d.next(); p; p = d.next()) {
    if (isBad(p)) throw new Error(p.reason);
    out.push(p);
  }
  return out;
}

test('SHA-1 is the standard digest (FIPS 180 "abc" vector)', () => {
  assert.is(sha1(Buffer.from('abc')).toString('hex'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
});

test('the header has the documented layout, offsets and byte order', () => {
  const body = Buffer.from('abc');
  const p = encodePacket(PROTO.InitConnect, 0x01020304, body, 0);
  assert.is(p.length, 44 + 3);
  assert.is(p.subarray(0, 2).toString('latin1'), 'FT');
  assert.is(p.readUInt32LE(2), 1001);
  assert.is(p[2], 0xe9, 'protoID little-endian: 1001 = 0x03e9');
  assert.is(p[6], 0, 'protoFmtType 0 = protobuf');
  assert.is(p[7], 0, 'protoVer');
  assert.equal([...p.subarray(8, 12)], [4, 3, 2, 1], 'serialNo little-endian');
  assert.is(p.readUInt32LE(12), 3, 'bodyLen');
  assert.is(p.subarray(16, 36).toString('hex'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal([...p.subarray(36, 44)], [0, 0, 0, 0, 0, 0, 0, 0], 'reserved');
  assert.is(p.subarray(44).toString(), 'abc');
});

test('a header built by hand from the documented struct decodes', () => {
  const body = Buffer.from([0x0a, 0x02, 0x08, 0x01]);
  const h = Buffer.alloc(44);
  h.write('FT', 0, 'latin1');
  h.writeUInt32LE(1004, 2);
  h.writeUInt8(0, 6);
  h.writeUInt8(0, 7);
  h.writeUInt32LE(99, 8);
  h.writeUInt32LE(body.length, 12);
  sha1(body).copy(h, 16);
  const d = new FrameDecoder();
  d.push(Buffer.concat([h, body]));
  const [p] = packets(d);
  assert.is(p!.protoId, 1004);
  assert.is(p!.serialNo, 99);
  assert.equal(decodeBody('KeepAlive.Request', p!.body), { c2s: { time: '1' } });
});

test('partial packets: one byte at a time', () => {
  const a = encodePacket(3005, 0, Buffer.from('hello'));
  const d = new FrameDecoder();
  const got: Packet[] = [];
  for (const byte of a) {
    d.push(Buffer.from([byte]));
    got.push(...packets(d));
  }
  assert.is(got.length, 1);
  assert.is(got[0]!.body.toString(), 'hello');
  assert.is(d.buffered, 0);
});

test('coalesced packets: three in one chunk, split across the next', () => {
  const all = Buffer.concat([
    encodePacket(1004, 1, Buffer.from('a')),
    encodePacket(1004, 2, Buffer.alloc(0)),
    encodePacket(2208, 0, Buffer.from('ccc')),
  ]);
  const d = new FrameDecoder();
  d.push(all.subarray(0, 60));
  const first = packets(d);
  d.push(all.subarray(60));
  const rest = packets(d);
  assert.equal(
    [...first, ...rest].map((p) => [p.protoId, p.serialNo, p.body.toString()]),
    [
      [1004, 1, 'a'],
      [1004, 2, ''],
      [2208, 0, 'ccc'],
    ],
  );
});

test('a body that does not match its SHA-1 is reported and skipped; the next packet still decodes', () => {
  const bad = encodePacket(2208, 5, Buffer.from('order'));
  bad[44] ^= 0xff;
  const d = new FrameDecoder();
  d.push(Buffer.concat([bad, encodePacket(1004, 6, Buffer.from('ok'))]));
  const first = d.next();
  assert.ok(first && isBad(first), 'the damaged packet is a BadPacket');
  assert.match((first as { reason: string }).reason, /SHA-1/);
  const second = d.next();
  assert.ok(second && !isBad(second));
  assert.is((second as Packet).body.toString(), 'ok');
});

test('a JSON-format body (protoFmtType 1) is reported, not decoded as protobuf', () => {
  const p = encodePacket(1004, 1, Buffer.from('{}'));
  p[6] = 1;
  const d = new FrameDecoder();
  d.push(p);
  const got = d.next();
  assert.ok(got && isBad(got));
  assert.match((got as { reason: string }).reason, /format 1/);
});

test('a stream that does not start with "FT", or announces an absurd length, cannot be framed', () => {
  const d = new FrameDecoder();
  d.push(Buffer.from('GET / HTTP/1.1\r\n'));
  assert.throws(
    () => d.next(),
    (e: unknown) => e instanceof FramingError && /"FT"/.test(String(e)),
  );
  const huge = encodePacket(1004, 1, Buffer.alloc(0));
  huge.writeUInt32LE(0xffffffff, 12);
  const d2 = new FrameDecoder();
  d2.push(huge);
  assert.throws(
    () => d2.next(),
    (e: unknown) => e instanceof FramingError && /exceeds/.test(String(e)),
  );
});

test('protobuf bodies use the documented field numbers (hand-assembled bytes)', () => {
  // KeepAlive.Request { c2s (1) { time (1) = 1 } } = 0a 02 08 01
  assert.is(Buffer.from(encodeBody('KeepAlive.Request', { c2s: { time: 1 } })).toString('hex'), '0a020801');
  // Trd_SubAccPush.Request { c2s { accIDList (1) = [300] } }: 300 = ac 02 as a varint
  assert.is(
    Buffer.from(encodeBody('Trd_SubAccPush.Request', { c2s: { accIDList: ['300'] } })).toString('hex'),
    '0a0308ac02',
  );
  // Response retType (1) = -1 is a 10-byte varint; retMsg (2) = "x"
  const r = decodeBody('KeepAlive.Response', Buffer.from('08ffffffffffffffffff01' + '120178', 'hex'));
  assert.equal(r, { retType: -1, retMsg: 'x' });
});

test('64-bit ids above 2^53 survive a round trip as decimal strings', () => {
  const orderID = '4700000000000000123';
  const bytes = encodeBody('Trd_ModifyOrder.Request', {
    c2s: {
      packetID: { connID: '18446744073709551615', serialNo: 7 },
      header: { trdEnv: 1, accID: '281756455988880', trdMarket: 1 },
      orderID,
      modifyOrderOp: 2,
    },
  });
  const back = decodeBody<{ c2s: { orderID: string; packetID: { connID: string } } }>(
    'Trd_ModifyOrder.Request',
    bytes,
  );
  assert.is(back.c2s.orderID, orderID);
  assert.is(back.c2s.packetID.connID, '18446744073709551615');
});

test('a reply missing a documented required field does not decode', () => {
  // InitConnect.Response with s2c lacking keepAliveInterval (field 5, required).
  const partial = encodeBody('KeepAlive.Response', { retType: 0 });
  assert.not.throws(() => decodeBody('KeepAlive.Response', partial));
  const s2c = Buffer.from('0803' /* serverVer=3 */, 'hex');
  const body = Buffer.concat([Buffer.from('0800', 'hex'), Buffer.from([0x22, s2c.length]), s2c]);
  assert.throws(() => decodeBody('InitConnect.Response', body), /missing required/);
});

test.run();
