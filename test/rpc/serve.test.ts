// `vnt serve` as a real process: exposure rules, the token file, clean shutdown, TLS, and gateways taken from
// saved settings (here an RPC gateway, so one vnt serves another vnt's venue two hops away).
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GatewayStatus } from '../../src/core/constant.js';
import { MainEngine } from '../../src/core/engine.js';
import { EventEngine } from '../../src/core/event.js';
import { TraderDir } from '../../src/core/settings.js';
import { RpcGateway } from '../../gateways/rpc/index.js';
import { RpcClient, RpcLinkError } from '../../src/rpc/client.js';
import { until } from '../helpers/wait.js';
import { makeThrowawayCert } from '../../gateways/common/tls-cert.js';
import { readToken, startFixture, startProcess, tempDir, VNT_BIN } from './helpers.js';

const noEvents = { onEvent: () => {}, onClose: () => {} };

test('vnt serve: token file, refuses non-loopback without TLS, warns with --insecure, stops on SIGTERM', async () => {
  const dir = tempDir('rpc-serve');
  const serve = (...args: string[]) => startProcess([VNT_BIN, '--trader-dir', dir, 'serve', ...args]);
  const refused = await serve('--host', '0.0.0.0', '--port', '0').catch((e: Error) => e);
  assert.instance(refused, Error);
  assert.match((refused as Error).message, /refusing to listen on 0\.0\.0\.0 without TLS/);

  const insecure = await serve('--host', '0.0.0.0', '--port', '0', '--insecure');
  await insecure.waitFor(/WARNING: RPC service listening on 0\.0\.0\.0 WITHOUT TLS/, 'the warning');
  assert.is(await insecure.kill('SIGTERM'), 0);

  const server = await serve('--port', '0');
  const token = readToken(dir);
  const c = await RpcClient.connect({ url: server.url, token }, noEvents);
  assert.equal(await c.request('getAllGatewayNames'), []);
  assert.is(await server.kill('SIGTERM'), 0, 'clean exit on SIGTERM');
  assert.match(server.output(), /RPC service stopped/);
  assert.not.ok(server.output().includes(token));
  c.close();
});

test('vnt serve with TLS: wss for clients that trust the certificate, refused for those that do not', async () => {
  const dir = tempDir('rpc-tls');
  const { certFile: cert, keyFile: key } = makeThrowawayCert(dir);
  const td = new TraderDir(dir);
  td.saveGlobal({ ...td.loadGlobal(), 'rpc.tlsCert': cert, 'rpc.tlsKey': key, 'rpc.port': 0 });
  const server = await startProcess([VNT_BIN, '--trader-dir', dir, 'serve']);
  try {
    assert.match(server.url, /^wss:\/\/127\.0\.0\.1:\d+$/);
    const token = readToken(dir);
    const untrusted = await RpcClient.connect({ url: server.url, token }, noEvents).catch((e: Error) => e);
    assert.instance(untrusted, RpcLinkError);
    assert.match((untrusted as Error).message, /self[- ]signed|certificate/i);
    const c = await RpcClient.connect(
      { url: server.url, token, ca: fs.readFileSync(cert, 'utf8') },
      noEvents,
    );
    assert.equal(await c.request('getAllGatewayNames'), []);
    c.close();

    // The RPC gateway trusts the certificate through its ca_file setting, with no NODE_EXTRA_CA_CERTS.
    const me = new MainEngine({ eventEngine: new EventEngine({ timerInterval: 0 }), log: false });
    me.addGateway(RpcGateway);
    const connect = (ca_file: string) =>
      me.connect({ address: server.url, token, ca_file }, 'RPC').then(
        () => undefined,
        (e: Error) => e.message,
      );
    try {
      assert.match((await connect('')) ?? '', /self[- ]signed|certificate/i);
      const missing = path.join(dir, 'missing.pem');
      assert.match(
        (await connect(missing)) ?? '',
        /connect failed: ca_file: cannot read .*missing\.pem: ENOENT/,
      );
      assert.match(
        (await connect(key)) ?? '',
        /connect failed: ca_file: .*key\.pem holds no PEM certificate/,
      );
      assert.is(await connect(cert), undefined, 'connected over wss with ca_file');
      assert.is(me.getGateway('RPC').status, GatewayStatus.CONNECTED);
    } finally {
      await me.close();
    }
  } finally {
    await server.kill();
  }
});

test('vnt serve connects the gateways saved in its trader dir: a second vnt relays the first', async () => {
  const upstreamDir = tempDir('rpc-up');
  const upstream = await startFixture(upstreamDir);
  const relayDir = tempDir('rpc-relay');
  const upstreamToken = readToken(upstreamDir);
  new TraderDir(relayDir).saveGatewaySetting('RPC', RpcGateway.defaultSetting, {
    address: upstream.url,
    token: upstreamToken,
  });
  const relay = await startProcess([VNT_BIN, '--trader-dir', relayDir, 'serve', '--port', '0']);
  try {
    const events: string[] = [];
    const c = await RpcClient.connect(
      { url: relay.url, token: readToken(relayDir) },
      {
        onEvent: (e) => e.event === 'trade' && events.push((e.data as { vtTradeid: string }).vtTradeid),
        onClose: () => {},
      },
    );
    assert.equal(await c.request('getAllGatewayNames'), ['RPC']);
    const contract = await c.request('getContract', { vtSymbol: 'FAKE1.LOCAL' });
    assert.is(contract?.gatewayName, 'RPC');
    await upstream.command('trades 2');
    await until(() => events.length === 2, 'two trades through two hops');
    assert.equal(events, ['RPC.FAKE.b1', 'RPC.FAKE.b2'], 'two hops, ids intact');
    c.close();
    assert.not.ok(relay.output().includes(upstreamToken), 'the upstream token is not in the relay log');
  } finally {
    await relay.kill('SIGTERM');
    await upstream.kill();
  }
});

test('vnt serve --demo serves the SIM gateway (and a second one by NAME=CLASS), stops on SIGINT', async () => {
  const dir = tempDir('rpc-demo');
  const server = await startProcess([
    VNT_BIN,
    '--trader-dir',
    dir,
    'serve',
    '--demo',
    'SIM2=SIM',
    '--port',
    '0',
  ]);
  try {
    const c = await RpcClient.connect({ url: server.url, token: readToken(dir) }, noEvents);
    assert.equal(await c.request('getAllGatewayNames'), ['SIM', 'SIM2']);
    const owners = (await c.request('getAllAccounts')).map((a) => a.gatewayName).sort();
    assert.equal([...new Set(owners)], ['SIM', 'SIM2'], 'each SIM gateway has its own account');
    assert.ok((await c.request('getAllContracts')).length > 0, 'the demo contracts');
    c.close();
  } finally {
    assert.is(await server.kill('SIGINT'), 0, 'clean exit on SIGINT');
  }
});

test.run();
