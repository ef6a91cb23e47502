// RpcEngine as the console drives it (`:rpc start`, `:rpc stop`), in process: it serves the session's own
// MainEngine, a second start reports the running service, and stop closes the port.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import { TraderDir } from '../../src/core/settings.js';
import { RpcClient, RpcLinkError } from '../../src/rpc/client.js';
import { rpcCommand } from '../../src/rpc/command.js';
import { getRpcEngine } from '../../src/rpc/engine.js';
import { readToken, tempDir } from './helpers.js';
import type { EventMessage } from '../../src/rpc/protocol.js';
import { until } from '../helpers/wait.js';
import { createLog } from '../../src/core/object.js';

declare module '../../src/core/event.js' {
  interface EventMap {
    /** An app's own event type, to show that the stream carries more than the core's. */
    rpcTestApp: { n: number };
  }
}

test('rpc start / status / stop', async () => {
  const dir = tempDir('rpc-engine');
  const me = new MainEngine({
    eventEngine: new EventEngine({ timerInterval: 0 }),
    traderDir: new TraderDir(dir),
    log: false,
  });
  assert.match(await rpcCommand(me, []), /not running/);
  // Two starts in a row (a double keypress) make one server.
  const [started, again] = await Promise.all([
    rpcCommand(me, ['start', '0']),
    rpcCommand(me, ['start', '0']),
  ]);
  assert.is(again, started);
  const url = /listening on (ws:\/\/127\.0\.0\.1:\d+)/.exec(started)?.[1];
  assert.ok(url, started);
  assert.match(started, /rpc_token/);
  assert.not.ok(started.includes(readToken(dir)), 'the token itself is not shown');

  const c = await RpcClient.connect(
    { url: url!, token: readToken(dir) },
    { onEvent: () => {}, onClose: () => {} },
  );
  assert.equal(await c.request('getAllGatewayNames'), []);
  assert.match(await rpcCommand(me, ['status']), /1 client/);
  assert.ok((await rpcCommand(me, ['start'])).includes(url!), 'a second start reports the running service');
  const bad = await rpcCommand(me, ['start', '99999']).catch((e: Error) => e);
  assert.match((bad as Error).message, /port must be/);
  const unknown = await rpcCommand(me, ['reload']).catch((e: Error) => e);
  assert.match((unknown as Error).message, /unknown rpc command/);

  assert.is(await rpcCommand(me, ['stop']), 'RPC service stopped');
  assert.not.ok(getRpcEngine(me).isRunning);
  const refused = await RpcClient.connect(
    { url: url!, token: readToken(dir) },
    { onEvent: () => {}, onClose: () => {} },
  ).catch((e: Error) => e);
  assert.instance(refused, RpcLinkError);
  c.close();
  await me.close();
});

test("the stream carries apps' own events and never the timer", async () => {
  const me = new MainEngine({
    eventEngine: new EventEngine({ timerInterval: 0 }),
    traderDir: new TraderDir(tempDir('rpc-stream')),
    log: false,
  });
  const url = await getRpcEngine(me).start({ port: 0 });
  const got: EventMessage[] = [];
  const c = await RpcClient.connect(
    { url, token: readToken(me.traderDir!.root) },
    { onEvent: (e) => got.push(e), onClose: () => {} },
  );
  me.eventEngine.put('timer', Date.now());
  me.eventEngine.put('rpcTestApp', { n: 7 });
  me.eventEngine.put('log', createLog('marker'));
  await until(
    () => got.some((e) => e.event === 'log' && (e.data as { msg: string }).msg === 'marker'),
    'the marker',
  );
  assert.equal(got.find((e) => e.event === 'rpcTestApp')?.data, { n: 7 });
  assert.not.ok(
    got.some((e) => e.event === 'timer'),
    'no timer event',
  );
  c.close();
  await me.close();
});

test.run();
