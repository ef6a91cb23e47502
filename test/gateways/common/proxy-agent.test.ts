// ConnectProxyAgent, exercised the way gateways use it: a WsClient with a proxy set, against a loopback proxy.
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocketServer, type WebSocket } from 'ws';
import { proxyAgentFor } from '../../../gateways/common/proxy-agent.js';
import { WsClient } from '../../../gateways/common/ws-client.js';
import { startProxy } from '../../helpers/proxy.js';
import { until } from '../../helpers/wait.js';

async function serve() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: WebSocket[] = [];
  wss.on('connection', (ws) => sockets.push(ws));
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    sockets,
    close: () =>
      new Promise<void>((r) => {
        for (const s of wss.clients) s.terminate();
        wss.close(() => r());
      }),
  };
}

test('no proxy host means a direct connection', () => {
  assert.is(proxyAgentFor('wss://x', undefined), undefined);
  assert.is(proxyAgentFor('wss://x', { host: '', port: 8080 }), undefined);
  assert.ok(proxyAgentFor('wss://x', { host: '127.0.0.1', port: 8080 }));
});

test('with a proxy set, the link is tunnelled through the proxy with CONNECT', async () => {
  const srv = await serve();
  const proxy = await startProxy();
  const got: string[] = [];
  const via = { host: proxy.host, port: proxy.port };
  const client = new WsClient({ name: 't', url: () => srv.url, proxy: via, onMessage: (m) => got.push(m) });
  await client.start();
  srv.sockets[0]!.send('through the tunnel');
  await until(() => got.length === 1, 'a message through the proxy');
  assert.equal(proxy.seen, [`CONNECT ${srv.url.replace('ws://', '')}`]);
  await client.close();

  proxy.refuse = true;
  const refused = new WsClient({ name: 't', url: () => srv.url, proxy: via, onMessage: () => undefined });
  const err = await refused.start().catch((e: Error) => e);
  assert.match((err as Error).message, 'refused CONNECT');
  await refused.close();
  await proxy.close();
  await srv.close();
});

test.run();
