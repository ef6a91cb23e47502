import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsClient } from '../../../gateways/common/ws-client.js';
import { until } from '../../helpers/wait.js';

interface Server {
  url: string;
  wss: WebSocketServer;
  sockets: WebSocket[];
  received: string[][];
  close(): Promise<void>;
}

async function serve(opts: { autoPong?: boolean } = {}): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: opts.autoPong ?? true });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const sockets: WebSocket[] = [];
  const received: string[][] = [];
  wss.on('connection', (ws) => {
    const mine: string[] = [];
    sockets.push(ws);
    received.push(mine);
    ws.on('message', (d) => mine.push(d.toString()));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    wss,
    sockets,
    received,
    close: () =>
      new Promise((r) => {
        for (const s of wss.clients) s.terminate();
        wss.close(() => r());
      }),
  };
}

const fast = { baseMs: 10, maxMs: 50 };
const sub = (topics: string[]) => JSON.stringify({ method: 'SUBSCRIBE', params: topics });

test('subscriptions are sent on open and restored after a drop; onReconnect runs after the restore', async () => {
  const srv = await serve();
  const events: string[] = [];
  const client = new WsClient({
    name: 't',
    url: () => srv.url,
    backoff: fast,
    subscribeMessage: sub,
    onOpen: (c) => {
      c.send('login');
    },
    onMessage: () => undefined,
    onReconnect: () => {
      events.push(`reconcile (ready: ${client.isReady})`);
    },
    onStatus: (up) => events.push(up ? 'up' : 'down'),
  });
  await client.start();
  client.subscribe(['a@trade', 'b@depth']);
  await until(() => srv.received[0]!.length === 2, 'the first subscription');
  assert.equal(srv.received[0], ['login', sub(['a@trade', 'b@depth'])]);
  srv.sockets[0]!.terminate();
  await until(() => events.length === 3 && srv.received[1]?.length === 2, 'the reconnect');
  assert.equal(srv.received[1], ['login', sub(['a@trade', 'b@depth'])]);
  assert.equal(events, ['down', 'up', 'reconcile (ready: true)']);
  client.subscribe(['a@trade', 'c@ticker']);
  await until(() => srv.received[1]!.length === 3, 'the added subscription');
  assert.is(srv.received[1]![2], sub(['c@ticker']), 'only new topics are sent');
  await client.close();
  await srv.close();
});

test('venue pings are answered, and a link that goes silent is replaced', async () => {
  const srv = await serve({ autoPong: false });
  const client = new WsClient({
    name: 't',
    url: () => srv.url,
    backoff: fast,
    silenceMs: 300,
    pingIntervalMs: 50,
    onMessage: () => undefined,
  });
  await client.start();
  const pong = new Promise<string>((r) => srv.sockets[0]!.once('pong', (d) => r(d.toString())));
  srv.sockets[0]!.ping('hb-1');
  assert.is(await pong, 'hb-1');
  // The server never answers our pings and sends nothing: the client must give up on it and reconnect.
  await until(() => client.connectionCount === 2, 'a reconnect after silence');
  await client.close();
  await srv.close();
});

test('a failed first connect rejects start() and is not retried', async () => {
  const srv = await serve();
  await srv.close();
  let attempts = 0;
  const client = new WsClient({
    name: 't',
    url: () => {
      attempts++;
      return srv.url;
    },
    backoff: fast,
    onMessage: () => undefined,
  });
  const err = await client.start().catch((e) => e);
  assert.instance(err, Error);
  assert.is(client.isReady, false);
  await client.close();
  assert.is(attempts, 1);
});

test('a login failure after a drop is retried until it succeeds', async () => {
  const srv = await serve();
  let logins = 0;
  const client = new WsClient({
    name: 't',
    url: () => srv.url,
    backoff: fast,
    onOpen: () => {
      logins++;
      if (logins === 2) throw new Error('login refused once');
    },
    onMessage: () => undefined,
  });
  await client.start();
  client.drop();
  await until(() => client.connectionCount === 2, 'a completed reconnect');
  assert.is(logins, 3);
  await client.close();
  await srv.close();
});

test('messages reach onMessage as text', async () => {
  const srv = await serve();
  const got: string[] = [];
  const client = new WsClient({ name: 't', url: () => srv.url, onMessage: (m) => got.push(m) });
  await client.start();
  srv.sockets[0]!.send('{"e":"trade"}');
  srv.sockets[0]!.send(Buffer.from('{"e":"bin"}'), { binary: true });
  await until(() => got.length === 2, 'two messages');
  assert.equal(got, ['{"e":"trade"}', '{"e":"bin"}']);
  await client.close();
  await srv.close();
});

test('textPing: the heartbeat is a text frame, and an answering text keeps the link up', async () => {
  const srv = await serve();
  const got: string[] = [];
  const client = new WsClient({
    name: 't',
    url: () => srv.url,
    backoff: fast,
    silenceMs: 400,
    pingIntervalMs: 40,
    textPing: 'ping',
    onMessage: (m) => got.push(m),
  });
  await client.start();
  srv.sockets[0]!.on('message', (d) => {
    if (d.toString() === 'ping') srv.sockets[0]!.send('pong');
  });
  // Several text pings answered: the link is alive by the venue's rule, so no reconnect happened.
  await until(() => got.filter((m) => m === 'pong').length >= 12, 'a dozen answered text pings');
  assert.is(client.connectionCount, 1);
  assert.ok(srv.received[0]!.every((m) => m === 'ping'));
  await client.close();
  await srv.close();
});

test.run();
