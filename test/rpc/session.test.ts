// A session's sizes are UTF-8 bytes, not string length: Chinese text (three bytes a character) must count
// three times, both for the frame a batch is closed at and for the backlog a slow client is cut off at.
// Each test runs one session on a real WebSocket pair on loopback.
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket, WebSocketServer } from 'ws';
import { CLOSE_TOO_SLOW } from '../../src/rpc/protocol.js';
import { MAX_FRAME_BYTES, Session, type SessionLimits } from '../../src/rpc/session.js';
import { until } from '../helpers/wait.js';

interface Pair {
  session: Session;
  frames: Buffer[];
  cutOff: string[];
  closed(): { code: number; reason: string } | undefined;
  stop(): Promise<void>;
}

async function pair(limits: SessionLimits): Promise<Pair> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((resolve) => wss.once('listening', resolve));
  const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, {
    perMessageDeflate: false,
  });
  const frames: Buffer[] = [];
  let closed: { code: number; reason: string } | undefined;
  client.on('message', (data: Buffer) => frames.push(data));
  client.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  await new Promise((resolve) => client.once('open', resolve));
  const cutOff: string[] = [];
  const session = new Session(await serverSide, 1, 'test', limits, (_s, reason) => cutOff.push(reason));
  return {
    session,
    frames,
    cutOff,
    closed: () => closed,
    async stop() {
      client.terminate();
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}

/** A log event as the server sends it, with n Chinese characters in its message (3n bytes of them). */
function chineseLog(i: number, n: number): string {
  return JSON.stringify({
    type: 'event',
    event: 'log',
    key: '',
    data: { msg: `${i}:${'行情'.repeat(n / 2)}` },
  });
}

test('a batch frame is closed by its size in bytes, not characters', async () => {
  const p = await pair({ highWaterBytes: 1 << 30, maxLagBytes: 1 << 30 });
  try {
    const message = chineseLog(0, 1000);
    const bytes = Buffer.byteLength(message);
    assert.ok(bytes > 2.5 * message.length, 'the message is mostly three-byte characters');
    // About 3 MB sent in one turn: it must leave as frames of at most MAX_FRAME_BYTES plus one message.
    const count = 1000;
    for (let i = 0; i < count; i++) p.session.send(chineseLog(i, 1000));
    await until(() => p.frames.reduce((n, f) => n + JSON.parse(f.toString()).length, 0) === count, 'all');
    assert.ok(p.frames.length > 1, 'split into several frames');
    for (const frame of p.frames) {
      assert.ok(frame.length <= MAX_FRAME_BYTES + bytes + 1, `a frame of ${frame.length} bytes`);
    }
    const order = p.frames.flatMap((f) => JSON.parse(f.toString()) as Array<{ data: { msg: string } }>);
    assert.equal(
      order.map((m) => Number(m.data.msg.split(':')[0])),
      [...Array(count).keys()],
      'every message, in order',
    );
  } finally {
    await p.stop();
  }
});

test('a lagging client is cut off when its backlog passes the limit in bytes', async () => {
  // A high-water mark of 0 keeps the session lagging from its first write on, so everything after it waits
  // in the backlog: its size is exactly what was queued.
  const maxLagBytes = 10_000;
  const p = await pair({ highWaterBytes: 0, maxLagBytes });
  try {
    p.session.send('{"type":"ping","t":0}');
    await until(() => p.frames.length === 1, 'the first write');
    const message = chineseLog(1, 1000);
    const bytes = Buffer.byteLength(message);
    // Three messages: about 3000 characters (under the limit) but over 9000 bytes (still under it).
    for (let i = 0; i < 3; i++) p.session.send(message);
    assert.ok(3 * bytes < maxLagBytes, 'three fit');
    assert.equal(p.cutOff, [], 'not cut off under the limit');
    // The fourth passes 10 000 bytes while the characters stay near 4000.
    assert.ok(4 * bytes > maxLagBytes && 4 * message.length < maxLagBytes / 2);
    p.session.send(message);
    assert.is(p.cutOff.length, 1, 'cut off once the bytes pass the limit');
    assert.match(p.cutOff[0]!, /too slow/);
    await until(() => p.closed() !== undefined, 'the close frame');
    assert.is(p.closed()!.code, CLOSE_TOO_SLOW);
  } finally {
    await p.stop();
  }
});

test('while lagging, a tick replaced by a later one of its symbol is counted as coalesced', async () => {
  // High water 0 keeps the session lagging after its first write (nothing drains, so what is kept is
  // only counted here; backpressure.test.ts shows the latest tick arriving), the cut-off out of reach.
  const p = await pair({ highWaterBytes: 0, maxLagBytes: 1 << 30 });
  try {
    p.session.send('{"type":"ping","t":0}');
    await until(() => p.frames.length === 1, 'the first write');
    const tick = (symbol: string, i: number) =>
      JSON.stringify({ type: 'event', event: 'tick', key: symbol, data: { vtSymbol: symbol, i } });
    for (let i = 0; i < 5; i++) p.session.sendTick('A.SIM', tick('A.SIM', i));
    p.session.sendTick('B.SIM', tick('B.SIM', 0));
    assert.is(p.session.coalescedTicks, 4, 'four of A replaced, B not');
    p.session.sendTick('A.SIM', tick('A.SIM', 5));
    assert.is(p.session.coalescedTicks, 5, 'each replacement counts');
  } finally {
    await p.stop();
  }
});

test.run();
