import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PendingRequests } from '../../../gateways/common/pending.js';

test('replies are matched to requests by id', async () => {
  const p = new PendingRequests<string>();
  const sent: string[] = [];
  const a = p.request('a', (id) => sent.push(id) > 0);
  const b = p.request('b', (id) => sent.push(id) > 0);
  assert.is(p.resolve(sent[1]!, 'reply-b'), true);
  assert.is(p.resolve(sent[0]!, 'reply-a'), true);
  assert.equal(await Promise.all([a, b]), ['reply-a', 'reply-b']);
  assert.is(p.resolve(sent[0]!, 'late'), false);
  assert.is(p.size, 0);
});

test('a request that cannot be sent fails at once; a drop fails everything waiting', async () => {
  const p = new PendingRequests<string>();
  const err = await p.request('order.place', () => false).catch((e) => e);
  assert.match((err as Error).message, 'cannot send order.place: not connected');
  const waiting = p.request('x', () => true);
  p.rejectAll('connection lost');
  assert.match(((await waiting.catch((e) => e)) as Error).message, 'connection lost');
});

test('an unanswered request times out', async () => {
  const p = new PendingRequests<string>(20);
  const err = await p.request('ping', () => true).catch((e) => e);
  assert.match((err as Error).message, 'no reply to ping within 20 ms');
});

test.run();
