// The pure rules of the IB gateway: what a person may type as a symbol, IB statuses and sides, durations,
// and IB's time texts (with named zones across a DST change).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Product, Status } from '../../../src/core/constant.js';
import type { ContractDetailsMsg } from '../../../gateways/ib/incoming.js';
import {
  directionOf,
  durationFor,
  fallbackExchange,
  homeExchange,
  parseSymbolInput,
  productOf,
  statusOf,
} from '../../../gateways/ib/parse.js';
import { ibContract } from '../../../gateways/ib/protocol.js';
import {
  formatIbDate,
  formatIbTime,
  formatIbWallTime,
  parseIbTime,
  twsClockOffsetMs,
} from '../../../gateways/ib/time.js';

test('symbol input: conIds and SYMBOL-CCY-TYPE, trimmed and upper-cased; everything else refused', () => {
  assert.equal(parseSymbolInput(' 265598 '), { kind: 'conId', conId: 265598 });
  assert.equal(parseSymbolInput('aapl-usd-stk'), {
    kind: 'lookup',
    symbol: 'AAPL',
    currency: 'USD',
    secType: 'STK',
  });
  assert.equal(parseSymbolInput('BRK B-USD-STK'), {
    kind: 'lookup',
    symbol: 'BRK B',
    currency: 'USD',
    secType: 'STK',
  });
  assert.equal(parseSymbolInput('EUR-USD-CASH'), {
    kind: 'lookup',
    symbol: 'EUR',
    currency: 'USD',
    secType: 'CASH',
  });
  for (const bad of [
    '',
    '  ',
    '0',
    '-1',
    '2147483647',
    '12a',
    'AAPL',
    'AAPL-USD',
    'AAPL-US-STK',
    'AAPL-USD-XYZ',
    '1;2',
    'A\0B-USD-STK',
    42,
  ]) {
    const r = parseSymbolInput(bad);
    assert.is(r.kind, 'invalid', `${JSON.stringify(bad)} is refused`);
  }
  const r = parseSymbolInput('AAPL');
  assert.ok(
    r.kind === 'invalid' && /neither a conId \(e\.g\. 265598\) nor SYMBOL-CURRENCY-TYPE/.test(r.reason),
  );
});

test('statuses: Submitted is NOTTRADED until something fills; unknown statuses keep the current one', () => {
  assert.is(statusOf('PendingSubmit', 0, Status.SUBMITTING), Status.SUBMITTING);
  assert.is(statusOf('PreSubmitted', 0, Status.SUBMITTING), Status.NOTTRADED);
  assert.is(statusOf('Submitted', 0, Status.SUBMITTING), Status.NOTTRADED);
  assert.is(statusOf('Submitted', 3, Status.NOTTRADED), Status.PARTTRADED);
  assert.is(statusOf('PendingCancel', 3, Status.PARTTRADED), Status.PARTTRADED);
  assert.is(statusOf('Filled', 10, Status.PARTTRADED), Status.ALLTRADED);
  assert.is(statusOf('Cancelled', 3, Status.PARTTRADED), Status.CANCELLED);
  assert.is(statusOf('ApiCancelled', 0, Status.SUBMITTING), Status.CANCELLED);
  assert.is(statusOf('Inactive', 0, Status.SUBMITTING), Status.REJECTED);
  assert.is(statusOf('SomethingNew', 0, Status.NOTTRADED), Status.NOTTRADED);
  assert.is(directionOf('BOT'), Direction.LONG);
  assert.is(directionOf('SLD'), Direction.SHORT);
  assert.is(directionOf('SELL'), Direction.SHORT);
  assert.is(productOf('CASH'), Product.FOREX);
  assert.is(productOf('FUT'), Product.FUTURES);
});

test('durations: seconds up to a day, then days, then years', () => {
  assert.is(durationFor(30_000), '60 S');
  assert.is(durationFor(3 * 3_600_000), '10800 S');
  assert.is(durationFor(86_400_000 + 1), '2 D');
  assert.is(durationFor(400 * 86_400_000), '2 Y');
});

test('times: UTC and named zones (DST-aware), dates, epoch seconds; garbage is undefined', () => {
  const t = Date.UTC(2025, 2, 23, 14, 30, 1);
  assert.is(formatIbTime(t), '20250323 14:30:01 UTC');
  assert.is(formatIbDate(t), '20250323');
  assert.is(parseIbTime('20250323 14:30:01 UTC'), t);
  assert.is(parseIbTime('20250323-14:30:01'), t);
  assert.is(parseIbTime('20250323  14:30:01'), t);
  assert.is(parseIbTime('1742740201'), t);
  assert.is(parseIbTime('20250323'), Date.UTC(2025, 2, 23));
  // New York is UTC-4 in March after the DST change, UTC-5 in January.
  assert.is(parseIbTime('20250323 10:30:01 US/Eastern'), t);
  assert.is(parseIbTime('20250115 09:30:00 America/New_York'), Date.UTC(2025, 0, 15, 14, 30, 0));
  assert.is(parseIbTime('20250323 10:30:01 Not/AZone'), undefined);
  assert.is(parseIbTime('yesterday'), undefined);
});

test("TWS's clock: the offset comes from the handshake's connection time; zone-less times use it", () => {
  // A TWS in New York (EDT, UTC-4) answers at 22:21:03 UTC with its wall clock and a non-IANA zone name.
  const received = Date.UTC(2025, 2, 23, 22, 21, 3);
  const offset = twsClockOffsetMs('20250323 18:21:01 EDT', received);
  assert.is(offset, -4 * 3_600_000);
  assert.is(twsClockOffsetMs('20250323 22:21:01 Greenwich Mean Time', received), 0);
  assert.is(twsClockOffsetMs('garbage', received), 0);
  assert.is(twsClockOffsetMs('20240101 00:00:00 EST', received), 0, 'a clock a year off is not a zone');
  // An execution reported as "20250415  19:38:31" by that TWS happened at 23:38:31 UTC.
  assert.is(parseIbTime('20250415  19:38:31', offset), Date.UTC(2025, 3, 15, 23, 38, 31));
  assert.is(formatIbWallTime(Date.UTC(2025, 3, 15, 23, 38, 31)), '20250415  23:38:31');
  // A time that names its zone ignores the offset.
  assert.is(parseIbTime('20250415 19:38:31 US/Eastern', offset), Date.UTC(2025, 3, 15, 23, 38, 31));
});

test("home exchange: every listing of a conId gives the same one, whatever TWS's order", () => {
  const details = (secType: string, exchange: string, validExchanges: string): ContractDetailsMsg => ({
    reqId: 1,
    contract: ibContract({ conId: 1, secType, exchange }),
    marketName: '',
    minTick: 0.01,
    orderTypes: '',
    validExchanges,
    longName: '',
    timeZoneId: '',
    tradingHours: '',
    liquidHours: '',
    minSize: 1,
    sizeIncrement: 1,
  });
  const tsla = 'SMART,AMEX,NYSE,CBOE,ISLAND';
  for (const listing of ['SMART', 'AMEX', 'NYSE', 'ISLAND']) {
    assert.is(homeExchange(details('STK', listing, tsla)), Exchange.SMART, `TSLA listed on ${listing}`);
  }
  assert.is(homeExchange(details('FUT', 'CME', 'CME')), Exchange.CME);
  assert.is(
    homeExchange(details('FUT', 'QBALGO', 'QBALGO,CME')),
    Exchange.CME,
    'the first exchange vnt knows',
  );
  assert.is(homeExchange(details('CASH', 'IDEALPRO', 'IDEALPRO')), Exchange.IDEALPRO);
  assert.is(homeExchange(details('STK', 'NOWHERE', 'NOWHERE')), undefined);
  assert.is(fallbackExchange('CASH'), Exchange.IDEALPRO);
  assert.is(fallbackExchange('STK'), Exchange.SMART);
});

test.run();
