// The TWS client against the simulated TWS over loopback: handshake and version negotiation, START_API and
// the first messages, refusals with readable reasons, the pacer, and `vnt sim ib` as a real process.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TwsClient } from '../../../gateways/ib/client.js';
import type { ServerMessage } from '../../../gateways/ib/incoming.js';
import { Pacer, type PacerClock } from '../../../gateways/ib/pacer.js';
import { MAX_CLIENT_VERSION } from '../../../gateways/ib/protocol.js';
import { startIbSimulator, IB_SIM_ACCOUNT } from '../../../gateways/ib/sim/index.js';
import { until } from '../../helpers/wait.js';

function collect(): {
  messages: ServerMessage[];
  closed: string[];
  handlers: ConstructorParameters<typeof TwsClient>[1];
} {
  const messages: ServerMessage[] = [];
  const closed: string[] = [];
  return { messages, closed, handlers: { message: (m) => messages.push(m), closed: (r) => closed.push(r) } };
}

test('handshake: negotiates the highest common version, then START_API brings accounts and nextValidId', async () => {
  const { sim, exchange } = await startIbSimulator();
  try {
    const c = collect();
    const client = new TwsClient({ host: '127.0.0.1', port: sim.port, clientId: 5 }, c.handlers);
    await client.connect();
    assert.is(client.serverVersion, MAX_CLIENT_VERSION);
    assert.match(client.connectionTime, /^\d{8} \d{2}:\d{2}:\d{2}/);
    await until(() => c.messages.some((m) => m.kind === 'nextValidId'), 'nextValidId');
    await until(() => c.messages.filter((m) => m.kind === 'error').length >= 3, 'farm notices');
    assert.equal(
      c.messages.find((m) => m.kind === 'managedAccounts'),
      { kind: 'managedAccounts', accounts: [IB_SIM_ACCOUNT] },
    );
    const codes = c.messages.flatMap((m) => (m.kind === 'error' ? [m.msg.code] : []));
    assert.equal(codes, [2104, 2106, 2158]);
    assert.is(sim.clientCount, 1);
    client.close();
    await until(() => sim.clientCount === 0, 'the simulator to see the client leave');
    assert.equal(c.closed, [], 'a deliberate close is not reported as a failure');
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test("handshake: vnt offers v100..177, as IB's clients do; an older TWS is accepted at its version", async () => {
  const { sim, exchange } = await startIbSimulator();
  const TwsSimulator = (await import('../../../gateways/ib/sim/server.js')).TwsSimulator;
  try {
    for (const maxVersion of [176, 173, 157, 100]) {
      const old = new TwsSimulator({ exchange, instruments: [], account: 'DU1', maxVersion });
      await old.start();
      try {
        const c = collect();
        const client = new TwsClient({ host: '127.0.0.1', port: old.port, clientId: 1 }, c.handlers);
        await client.connect();
        assert.is(client.serverVersion, maxVersion);
        await until(() => c.messages.some((m) => m.kind === 'nextValidId'), `nextValidId at ${maxVersion}`);
        client.close();
      } finally {
        await old.stop();
      }
    }
  } finally {
    exchange.stop();
    await sim.stop();
  }
});

test("handshake: a server version below IB's floor of 100 is refused with a message naming it", async () => {
  // A peer that answers the handshake with version 99, as no TWS that reads "v100..177" would.
  const peers = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    peers.add(sock);
    sock.once('data', () => {
      const body = Buffer.from('99\x0020250323 22:21:01 GMT\x00');
      const head = Buffer.alloc(4);
      head.writeUInt32BE(body.length);
      sock.write(Buffer.concat([head, body]));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const port = (server.address() as net.AddressInfo).port;
    const client = new TwsClient({ host: '127.0.0.1', port, clientId: 1 }, collect().handlers);
    let message = '';
    await client.connect().catch((e: Error) => (message = e.message));
    assert.match(message, /speaks server version 99; vnt needs 100 or later \(IB's floor/);
  } finally {
    for (const p of peers) p.destroy();
    await new Promise((r) => server.close(r));
  }
});

test('refusals: unreachable port, a TWS too old, a client id in use, a non-TWS server', async () => {
  const { sim, exchange } = await startIbSimulator();
  const closedPort = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
  const peers = new Set<net.Socket>();
  const silent = net.createServer((sock) => {
    peers.add(sock);
    sock.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const TwsSimulator = (await import('../../../gateways/ib/sim/server.js')).TwsSimulator;
  const ancient = new TwsSimulator({
    exchange,
    instruments: [],
    account: 'DU1',
    minVersion: 38,
    maxVersion: 99,
  });
  await ancient.start();
  try {
    const tryConnect = async (port: number, clientId = 1): Promise<string> => {
      const client = new TwsClient(
        { host: '127.0.0.1', port, clientId, connectTimeoutMs: 5000 },
        collect().handlers,
      );
      try {
        await client.connect();
        client.close();
        return 'connected';
      } catch (error) {
        return (error as Error).message;
      }
    };
    assert.match(await tryConnect(closedPort), /not reachable at 127\.0\.0\.1:\d+ \(connection refused/);
    assert.match(
      await tryConnect(ancient.port),
      /closed the connection during the handshake \(a TWS that cannot speak any of server versions 100\.\.177/,
    );
    assert.match(
      await tryConnect(silent.address() ? (silent.address() as net.AddressInfo).port : 0),
      /protocol error from TWS: frame of \d+ bytes exceeds/,
    );

    const c = collect();
    const first = new TwsClient({ host: '127.0.0.1', port: sim.port, clientId: 7 }, c.handlers);
    await first.connect();
    await until(() => sim.clientCount === 1, 'the first client');
    const d = collect();
    const second = new TwsClient({ host: '127.0.0.1', port: sim.port, clientId: 7 }, d.handlers);
    await second.connect();
    await until(() => d.closed.length === 1, 'the duplicate to be dropped');
    assert.ok(
      d.messages.some((m) => m.kind === 'error' && m.msg.code === 326),
      'TWS says the client id is in use (326)',
    );
    first.close();
  } finally {
    await ancient.stop();
    for (const p of peers) p.destroy();
    await new Promise((r) => silent.close(r));
    exchange.stop();
    await sim.stop();
  }
});

test('a malformed message is skipped and reported; the stream stays aligned and open', async () => {
  const server = net.createServer((sock) => {
    sock.once('data', () => {
      const frame = (text: string): Buffer => {
        const body = Buffer.from(text.replace(/\|/g, '\0'));
        const head = Buffer.alloc(4);
        head.writeUInt32BE(body.length);
        return Buffer.concat([head, body]);
      };
      sock.write(
        Buffer.concat([frame('177|20250323 22:21:01 UTC|'), frame('9|1|not-a-number|'), frame('9|1|5|')]),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const c = collect();
  const bad: string[] = [];
  const client = new TwsClient(
    { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, clientId: 1 },
    { ...c.handlers, malformed: (r) => bad.push(r) },
  );
  try {
    await client.connect();
    await until(() => c.messages.some((m) => m.kind === 'nextValidId'), 'the good message after the bad one');
    assert.equal(c.messages, [{ kind: 'nextValidId', orderId: 5 }]);
    assert.is(bad.length, 1);
    assert.match(bad[0]!, /expected an integer in field 2, got "not-a-number" \(message 9\|1\|not-a-number/);
    assert.ok(client.isOpen, 'the link stays up');
  } finally {
    client.close();
    await new Promise((r) => server.close(r));
  }
});

test('pacer: at most burst + rate in any second, order kept, the rest released later', () => {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const clock: PacerClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as { at: number; fn: () => void });
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const sentAt: Array<[number, number]> = [];
  const pacer = new Pacer<number>((n) => sentAt.push([n, now]), 40, 5, clock);
  for (let i = 0; i < 130; i++) pacer.send(i);
  assert.is(sentAt.length, 5, 'the burst goes out at once');
  assert.is(pacer.backlog, 125);
  while (timers.length > 0) {
    timers.sort((a, b) => a.at - b.at);
    const t = timers.shift()!;
    now = t.at;
    t.fn();
  }
  assert.is(sentAt.length, 130, 'everything is sent in the end');
  assert.equal(
    sentAt.map(([n]) => n),
    [...Array(130).keys()],
    'in order',
  );
  for (const [, at] of sentAt) {
    const inWindow = sentAt.filter(([, t]) => t > at - 1000 && t <= at).length;
    assert.ok(inWindow <= 45, `at most 5 + 40 in the second ending at ${at} (saw ${inWindow})`);
  }
});

test('vnt sim ib: the real binary prints its address and speaks TWS', async () => {
  const child = spawn(process.execPath, ['bin/vnt.js', 'sim', 'ib', '--port', '0', '--tick-rate', '0'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  try {
    // The banner ends with the command list; wait for all of it (it may arrive in several chunks).
    await until(() => /commands:/.test(out), 'the simulator banner');
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(out)![1]);
    assert.match(out, /265598 AAPL/);
    const c = collect();
    const client = new TwsClient({ host: '127.0.0.1', port, clientId: 3 }, c.handlers);
    await client.connect();
    await until(() => c.messages.some((m) => m.kind === 'nextValidId'), 'nextValidId from the binary');
    child.stdin.write('restart\n');
    await until(() => c.closed.length === 1, 'the restart command to drop the client');
    client.close();
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test.run();
