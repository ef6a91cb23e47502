// A client that stops reading must not hold up the others or grow the server without bound: its ticks
// collapse to the latest per symbol, and when orders and trades pile up past the limit it is cut off.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import { RpcClient } from '../../src/rpc/client.js';
import type { EventMessage } from '../../src/rpc/protocol.js';
import { until } from '../helpers/wait.js';
import { readToken, startFixture, tempDir } from './helpers.js';

/** A client that keeps pinging (so it is not dropped as dead) but reads nothing until resume(). */
async function stalled(url: string, token: string) {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const got: EventMessage[] = [];
  let closed: { code: number; reason: string } | undefined;
  ws.on('message', (d) => {
    // A frame holds one message or an array of messages sent together.
    for (const m of ([] as EventMessage[]).concat(JSON.parse(d.toString())))
      if (m.type === 'event') got.push(m);
  });
  ws.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  await new Promise((resolve, reject) => {
    ws.once('message', resolve);
    ws.once('error', reject);
  });
  const pinger = setInterval(() => ws.send(JSON.stringify({ type: 'ping', t: Date.now() })), 200);
  ws.pause();
  return {
    got,
    closed: () => closed,
    resume: () => ws.resume(),
    stop: () => {
      clearInterval(pinger);
      ws.terminate();
    },
  };
}

async function counter(url: string, token: string) {
  const seen = { trades: 0, ticks: 0, closed: false, outOfOrder: 0 };
  let lastTrade = 0;
  const client = await RpcClient.connect(
    { url, token },
    {
      onEvent: (e) => {
        if (e.event === 'trade') {
          seen.trades++;
          // The fake numbers burst trades b1, b2, ...: they must arrive in that order, none skipped.
          const n = Number((e.data as { tradeid: string }).tradeid.slice(1));
          if (n !== lastTrade + 1) seen.outOfOrder++;
          lastTrade = n;
        }
        if (e.event === 'tick') seen.ticks++;
      },
      onClose: () => (seen.closed = true),
    },
  );
  return { seen, client };
}

test('a client that falls too far behind on trades is cut off; a normal one gets every trade', async () => {
  const dir = tempDir('rpc-slow');
  const server = await startFixture(dir, { maxLagBytes: 1024 * 1024 });
  const token = readToken(dir);
  const slow = await stalled(server.url, token);
  const normal = await counter(server.url, token);
  try {
    let sent = 0;
    // Bursts until the kernel's socket buffers and then the session's 1 MiB allowance are used up.
    while (!/cut off: too slow/.test(server.output())) {
      await server.command('trades 2000');
      sent += 2000;
      await until(() => normal.seen.trades === sent, `the normal client to receive ${sent} trades`);
    }
    assert.not.ok(normal.seen.closed, 'the normal client stays connected');
    assert.is(normal.seen.outOfOrder, 0, 'every trade in order, none skipped');
    await server.command('trades 10');
    await until(() => normal.seen.trades === sent + 10, 'trades after the cut-off still flow');
    slow.resume();
    await until(() => slow.closed() !== undefined, 'the slow client to read its close');
    assert.is(slow.closed()!.code, 4008);
    assert.match(slow.closed()!.reason, /too slow/);
    assert.ok(slow.got.length < sent, 'the slow client did not get the trades after it was cut off');
  } finally {
    slow.stop();
    normal.client.close();
    await server.kill();
  }
});

test('ticks for a lagging client collapse to the latest per symbol instead of piling up', async () => {
  const dir = tempDir('rpc-ticks');
  const server = await startFixture(dir, { maxLagBytes: 1024 * 1024 });
  const token = readToken(dir);
  const slow = await stalled(server.url, token);
  const normal = await counter(server.url, token);
  try {
    // About 27 MB of ticks: far more than the socket buffers and the session's allowance together.
    const n = 30_000;
    for (let i = 0; i < n; i += 5000) await server.command('ticks 5000');
    await until(() => normal.seen.ticks === n, 'the normal client to receive every tick');
    assert.not.match(server.output(), /cut off/);
    slow.resume();
    // Ticks go round FAKE1..3 by sequence number, which is also the price: the last three are n-2..n.
    const latest = () => {
      const by = new Map<string, number>();
      for (const e of slow.got) {
        if (e.event === 'tick') {
          const t = e.data as { vtSymbol: string; lastPrice: number };
          by.set(t.vtSymbol, t.lastPrice);
        }
      }
      return [...by.values()].sort((a, b) => a - b);
    };
    await until(() => latest().join() === [n - 2, n - 1, n].join(), 'the latest tick of each symbol');
    assert.is(slow.closed(), undefined, 'not cut off for ticks');
    const ticks = slow.got.filter((e) => e.event === 'tick').length;
    assert.ok(ticks < n, `coalesced: ${ticks} of ${n} ticks delivered`);
  } finally {
    slow.stop();
    normal.client.close();
    await server.kill();
  }
});

test.run();
