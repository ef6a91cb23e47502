// The RPC service at the wire: tokens, malformed and oversized messages, heartbeats and filters.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import { RpcClient, RpcLinkError, RemoteError, RequestTooLargeError } from '../../src/rpc/client.js';
import { MAX_CLIENT_MESSAGE_BYTES, type EventMessage } from '../../src/rpc/protocol.js';
import { TraderDir } from '../../src/core/settings.js';
import { TOKEN_FILE } from '../../src/rpc/token.js';
import { until } from '../helpers/wait.js';
import { readToken, startFixture, tempDir } from './helpers.js';

interface Raw {
  ws: WebSocket;
  messages: Record<string, unknown>[];
  closed: { code: number; reason: string } | undefined;
}

async function raw(url: string, token: string): Promise<Raw> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const r: Raw = { ws, messages: [], closed: undefined };
  // A frame holds one message or an array of messages sent together.
  ws.on('message', (d) =>
    r.messages.push(...([] as Record<string, unknown>[]).concat(JSON.parse(d.toString()))),
  );
  ws.on('close', (code, reason) => (r.closed = { code, reason: reason.toString() }));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return r;
}

const noEvents = { onEvent: () => {}, onClose: () => {} };

test('a wrong or missing token is refused at the handshake and never logged', async () => {
  const dir = tempDir('rpc-auth');
  const server = await startFixture(dir);
  try {
    const token = readToken(dir);
    const wrong = token.slice(0, -4) + 'XXXX';
    const err = await RpcClient.connect({ url: server.url, token: wrong }, noEvents).catch((e: Error) => e);
    assert.instance(err, RpcLinkError);
    assert.match((err as Error).message, /refused the token \(401\)/);
    assert.not.match((err as Error).message, wrong);
    const none = await RpcClient.connect({ url: server.url, token: '' }, noEvents).catch((e: Error) => e);
    assert.match((none as Error).message, /401/);
    await server.waitFor(/refused RPC connection from .*: wrong token/, 'the refusal in the log');
    await server.waitFor(/refused RPC connection from .*: no token/, 'the second refusal');
    // The right token still works, and neither token value reached the log.
    const ok = await RpcClient.connect({ url: server.url, token }, noEvents);
    assert.equal(await ok.request('getAllGatewayNames'), ['FAKE']);
    ok.close();
    assert.not.ok(server.output().includes(token), 'token printed');
    assert.not.ok(server.output().includes(wrong), 'wrong token printed');
    assert.is(fs.statSync(path.join(dir, TOKEN_FILE)).mode & 0o777, 0o600);
  } finally {
    await server.kill();
  }
});

test('malformed messages get error replies; an oversized one closes that connection only', async () => {
  const dir = tempDir('rpc-bad');
  const server = await startFixture(dir);
  const token = readToken(dir);
  const r = await raw(server.url, token);
  try {
    await until(() => r.messages.some((m) => m.type === 'hello'), 'hello');
    const replies = () => r.messages.filter((m) => m.type === 'error' || m.type === 'res');
    r.ws.send('{not json');
    r.ws.send('[1,2]');
    r.ws.send(JSON.stringify({ type: 'req', id: 7, method: 'shutdown' }));
    r.ws.send(JSON.stringify({ type: 'req', id: 8, method: 'sendOrder', params: { req: { symbol: 1 } } }));
    r.ws.send(
      JSON.stringify({ type: 'req', id: 9, method: 'getContract', params: { vtSymbol: 'FAKE1.LOCAL' } }),
    );
    r.ws.send(Buffer.from([1, 2, 3]));
    await until(() => replies().length === 6, 'six replies');
    const [a, b, c, d, e, f] = replies() as Array<{ type: string; id?: number; error?: { code: string } }>;
    assert.equal([a!.type, a!.error!.code], ['error', 'bad_message']);
    assert.equal([b!.type, b!.error!.code], ['error', 'bad_message']);
    assert.equal([c!.id, c!.error!.code], [7, 'unknown_method']);
    assert.equal([d!.id, d!.error!.code], [8, 'bad_params']);
    assert.is(e!.id, 9);
    assert.is((e as unknown as { result: { vtSymbol: string } }).result.vtSymbol, 'FAKE1.LOCAL');
    assert.equal([f!.type, f!.error!.code], ['error', 'bad_message']);

    const other = await RpcClient.connect({ url: server.url, token }, noEvents);
    r.ws.send('x'.repeat(2 * 1024 * 1024));
    await until(() => r.closed !== undefined, 'the oversized sender to be closed');
    assert.is(r.closed!.code, 1009);
    // The server and its other clients carry on.
    assert.is((await other.request('getAllContracts')).length, 3);
    const refused = await other.request('sendOrder', { req: {}, gatewayName: 'FAKE' }).catch((x) => x);
    assert.instance(refused, RemoteError);
    assert.is((refused as RemoteError).code, 'bad_params');
    other.close();
  } finally {
    r.ws.terminate();
    await server.kill();
  }
});

test('the 1 MiB request limit counts bytes: Chinese text at the limit passes, one byte over is not sent', async () => {
  const dir = tempDir('rpc-bytes');
  const server = await startFixture(dir);
  let closed = false;
  const c = await RpcClient.connect(
    { url: server.url, token: readToken(dir) },
    { onEvent: () => {}, onClose: () => (closed = true) },
  );
  try {
    // The client numbers its requests 1, 2, ...: both frames below have a one-digit id.
    const frame = (vtSymbol: string) =>
      JSON.stringify({ type: 'req', id: 1, method: 'getContract', params: { vtSymbol } });
    const room = MAX_CLIENT_MESSAGE_BYTES - Buffer.byteLength(frame(''));
    const atLimit = '螺'.repeat(Math.floor(room / 3)) + 'a'.repeat(room % 3);
    assert.is(Buffer.byteLength(frame(atLimit)), MAX_CLIENT_MESSAGE_BYTES);
    assert.ok(frame(atLimit).length < MAX_CLIENT_MESSAGE_BYTES / 2, 'far under the limit in characters');
    assert.is(await c.request('getContract', { vtSymbol: atLimit }), null, 'the server read it and answered');
    const over = await c.request('getContract', { vtSymbol: atLimit + 'a' }).catch((e: Error) => e);
    assert.instance(over, RequestTooLargeError);
    assert.match((over as Error).message, /getContract: request of 1048577 bytes exceeds .* not sent/);
    // Not sent, so the server had no cause to close the connection.
    assert.equal(await c.request('getAllGatewayNames'), ['FAKE']);
    assert.not.ok(closed, 'the link stayed up');
    assert.not.match(server.output(), /1009/);
  } finally {
    c.close();
    await server.kill();
  }
});

test('rpc.maxClients: a connection beyond the maximum is refused with the reason; a freed place is taken', async () => {
  const dir = tempDir('rpc-max');
  const td = new TraderDir(dir);
  td.saveGlobal({ ...td.loadGlobal(), 'rpc.maxClients': 2 });
  const server = await startFixture(dir);
  const token = readToken(dir);
  const connect = () => RpcClient.connect({ url: server.url, token }, noEvents);
  const first = await connect();
  const second = await connect();
  let third: RpcClient | undefined;
  try {
    const refused = await connect().catch((e: Error) => e);
    assert.instance(refused, RpcLinkError);
    assert.match((refused as Error).message, /closed \(1013 too many clients: this server takes at most 2\)/);
    await server.waitFor(/refused RPC client from .*: too many clients/, 'the refusal in the log');
    // The two admitted clients are unaffected.
    assert.equal(await first.request('getAllGatewayNames'), ['FAKE']);
    assert.equal(await second.request('getAllGatewayNames'), ['FAKE']);
    first.close();
    await server.waitFor(/RPC client #1 disconnected/, 'the first client to leave');
    third = await connect();
    assert.equal(await third.request('getAllGatewayNames'), ['FAKE']);
  } finally {
    second.close();
    third?.close();
    await server.kill();
  }
});

test('a frozen server is noticed by the heartbeat; a silent client is dropped by the server', async () => {
  const dir = tempDir('rpc-hb');
  const server = await startFixture(dir);
  const token = readToken(dir);
  try {
    // A raw client that never answers pings and sends nothing: the server drops it.
    const silent = await raw(server.url, token);
    await until(() => silent.closed !== undefined, 'the server to drop the silent client');
    await server.waitFor(/silent for 2000 ms; dropping it/, 'the drop in the log');

    let closed: string | undefined;
    const c = await RpcClient.connect(
      { url: server.url, token },
      { onEvent: () => {}, onClose: (_code, reason) => (closed = reason) },
    );
    process.kill(server.pid, 'SIGSTOP');
    await until(() => closed !== undefined, 'the client to notice the frozen server');
    assert.match(closed!, /server silent/);
    assert.not.ok(c.isOpen);
    process.kill(server.pid, 'SIGCONT');
  } finally {
    await server.kill();
  }
});

test('the event filter limits the stream by type and vtSymbol', async () => {
  const dir = tempDir('rpc-filter');
  const server = await startFixture(dir);
  const events: EventMessage[] = [];
  const c = await RpcClient.connect(
    { url: server.url, token: readToken(dir) },
    { onEvent: (e) => events.push(e), onClose: () => {} },
  );
  try {
    await c.request('setFilter', { types: ['tick'], vtSymbols: ['FAKE2.LOCAL'] });
    // What arrived before the reply (the server's own "client connected" log) predates the filter.
    events.length = 0;
    await server.command('trades 3');
    await server.command('ticks 30');
    await until(() => events.length === 10, 'the ten FAKE2 ticks');
    assert.ok(
      events.every((e) => e.event === 'tick' && (e.data as { vtSymbol: string }).vtSymbol === 'FAKE2.LOCAL'),
    );
    const bad = await c.request('setFilter', { types: ['timer'] }).catch((x) => x);
    assert.instance(bad, RemoteError);
  } finally {
    c.close();
    await server.kill();
  }
});

test.run();
