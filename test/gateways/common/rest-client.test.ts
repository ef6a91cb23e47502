import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  NotSentError,
  RateLimitError,
  RestClient,
  RestError,
  UnknownOutcomeError,
  encodeParams,
} from '../../../gateways/common/rest-client.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;

async function serve(
  handler: Handler,
): Promise<{ url: string; port: number; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res, seen.length);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const parseError = (_s: number, body: unknown) => {
  const b = body as { code?: number; msg?: string };
  return typeof b?.code === 'number' ? { code: b.code, msg: b.msg ?? '' } : undefined;
};

test('params are percent-encoded in order and undefined ones left out', () => {
  assert.is(
    encodeParams({ a: 'x y', b: undefined, c: 1, d: true, e: 'é&=' }),
    'a=x%20y&c=1&d=true&e=%C3%A9%26%3D',
  );
});

test('the signing hook sees the venue clock and shapes the request; usage headers are recorded', async () => {
  const srv = await serve((req, res) => {
    if (req.url?.startsWith('/time')) return json(res, 200, { serverTime: Date.now() + 60_000 });
    json(res, 200, { ok: true, key: req.headers['x-key'] }, { 'X-Used-Weight-1M': '17', 'X-Other': '3' });
  });
  const nows: number[] = [];
  const client = new RestClient({
    baseUrl: srv.url,
    usageHeaders: ['x-used-weight'],
    sign: (req, now) => {
      nows.push(now);
      return { query: encodeParams({ ...req.params, ts: now }), headers: { 'X-Key': 'k1' } };
    },
  });
  const offset = await client.syncTime('/time', (b) => (b as { serverTime: number }).serverTime);
  assert.ok(offset > 50_000 && offset < 70_000, `offset ${offset}`);
  const body = await client.request<{ ok: boolean; key: string }>({
    method: 'GET',
    path: '/x',
    params: { a: 1 },
  });
  assert.equal(body, { ok: true, key: 'k1' });
  assert.ok(nows[1]! - Date.now() > 50_000, 'signed timestamp uses the server clock');
  assert.match(srv.seen[1]!, /^GET \/x\?a=1&ts=\d+$/);
  assert.is(client.usage.get('x-used-weight-1m'), 17);
  assert.is(client.usage.has('x-other'), false);
  await srv.close();
});

test('a venue error carries its code and message', async () => {
  const srv = await serve((_q, res) => json(res, 400, { code: -1013, msg: 'Filter failure: PRICE_FILTER' }));
  const client = new RestClient({ baseUrl: srv.url, parseError });
  const err = await client.request({ method: 'POST', path: '/order', idempotent: false }).catch((e) => e);
  assert.instance(err, RestError);
  assert.is((err as RestError).code, -1013);
  assert.match((err as Error).message, 'Filter failure: PRICE_FILTER');
  await srv.close();
});

test('resignWhen: a stale-signature refusal is signed afresh and resent (an order too), other refusals are not', async () => {
  const nonces: string[] = [];
  const srv = await serve((req, res, n) => {
    nonces.push(String(req.headers['x-nonce']));
    if (req.url === '/stale' && n < 3) return json(res, 400, { code: -1, msg: 'nonce too small' });
    if (req.url === '/refused') return json(res, 400, { code: -2, msg: 'no money' });
    json(res, 200, { n });
  });
  let counter = 0;
  const client = new RestClient({
    baseUrl: srv.url,
    parseError,
    sign: () => ({ query: '', headers: { 'x-nonce': String(++counter) } }),
    resignWhen: (e) => /nonce/.test(e.venueMsg),
  });
  assert.equal(await client.request({ method: 'POST', path: '/stale', idempotent: false }), { n: 3 });
  assert.equal(nonces, ['1', '2', '3'], 'each attempt signed anew');
  const err = await client.request({ method: 'POST', path: '/refused', idempotent: false }).catch((e) => e);
  assert.instance(err, RestError);
  assert.is(srv.seen.filter((s) => s.includes('/refused')).length, 1, 'a real refusal is not resent');
  await srv.close();
});

test('a 429 is retried after Retry-After for a query, but not for an order', async () => {
  const srv = await serve((req, res, n) => {
    if (n === 1 || req.method === 'POST')
      return json(res, 429, { code: -1003, msg: 'Too many requests' }, { 'Retry-After': '0' });
    json(res, 200, { n });
  });
  const client = new RestClient({ baseUrl: srv.url, parseError });
  assert.equal(await client.request({ method: 'GET', path: '/q' }), { n: 2 });
  const err = await client.request({ method: 'POST', path: '/order', idempotent: false }).catch((e) => e);
  assert.instance(err, RateLimitError);
  assert.is(srv.seen.filter((s) => s.startsWith('POST')).length, 1);
  await srv.close();
});

test('a ban longer than the allowed wait fails fast without sending', async () => {
  const srv = await serve((_q, res) =>
    json(res, 418, { code: -1003, msg: 'banned' }, { 'Retry-After': '120' }),
  );
  const client = new RestClient({ baseUrl: srv.url, parseError, maxBanWaitMs: 1000 });
  assert.instance(await client.request({ method: 'GET', path: '/q' }).catch((e) => e), RateLimitError);
  const err = await client.request({ method: 'GET', path: '/q' }).catch((e) => e);
  assert.instance(err, RateLimitError);
  assert.match((err as Error).message, 'rate limited for another');
  assert.is(srv.seen.length, 1);
  await srv.close();
});

test('a connection lost after sending: a query is retried, an order is reported as unknown and not resent', async () => {
  const srv = await serve((req, res, n) => {
    if (req.method === 'POST' || n === 1) return req.socket.destroy();
    json(res, 200, { n });
  });
  const client = new RestClient({ baseUrl: srv.url, backoff: { baseMs: 1, maxMs: 5 } });
  assert.equal(await client.request({ method: 'GET', path: '/q' }), { n: 2 });
  const err = await client.request({ method: 'POST', path: '/order', idempotent: false }).catch((e) => e);
  assert.instance(err, UnknownOutcomeError);
  assert.is(srv.seen.filter((s) => s.startsWith('POST')).length, 1);
  await srv.close();
});

test('a 5xx on an order is an unknown outcome', async () => {
  const srv = await serve((_q, res) => json(res, 503, { code: -1001, msg: 'Internal error' }));
  const client = new RestClient({ baseUrl: srv.url, parseError });
  const err = await client.request({ method: 'POST', path: '/order', idempotent: false }).catch((e) => e);
  assert.instance(err, UnknownOutcomeError);
  await srv.close();
});

test('a refused connection is reported as not sent', async () => {
  const srv = await serve(() => undefined);
  await srv.close();
  const client = new RestClient({ baseUrl: srv.url, retries: 0 });
  const err = await client.request({ method: 'POST', path: '/order', idempotent: false }).catch((e) => e);
  assert.instance(err, NotSentError);
});

test('requests go through the configured HTTP proxy', async () => {
  const proxy = await serve((_q, res) => json(res, 200, { via: 'proxy' }));
  const client = new RestClient({
    baseUrl: 'http://venue.invalid:8080',
    proxy: { host: '127.0.0.1', port: proxy.port },
  });
  assert.equal(await client.request({ method: 'GET', path: '/api/x', params: { a: 1 } }), { via: 'proxy' });
  assert.is(proxy.seen[0], 'GET http://venue.invalid:8080/api/x?a=1');
  await proxy.close();
});

test.run();
