// Sim/doc agreement for a native SDK: there are no payloads to compare, so every record the simulated library
// hands to the binding (queries, pushes, market data) is checked against the documented XTP facts — the
// struct layouts are the binding's, tested against the documented offsets in structs.test.ts; here the
// values: enums within their documented ranges (xtp_api_data_type.h of 2.2.32: XTP_EXCHANGE_TYPE 1-2,
// XTP_MARKET_TYPE 1-2, XTP_TICKER_TYPE 0-6, XTP_ORDER_STATUS_TYPE 0-7, XTP_ORDER_SUBMIT_STATUS_TYPE 1-6,
// XTP_SIDE_TYPE defines, XTP_BUSINESS_TYPE 0-15, XTP_PRICE_TYPE 1-8, XTP_POSITION_DIRECTION_TYPE 0-3,
// XTP_ACCOUNT_TYPE 0-3, TXTPTradeTypeType '0'-'3', TXTPOrderTypeType '0'-'5'), times as YYYYMMDDHHMMSSsss,
// and the uint64 ids above 2^32 the way XTP numbers them. Also the documented call contract: Login returns a
// session id, InsertOrder an order id, both 0 with GetApiLastError on failure.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SpiEvent } from '../../../bindings/xtp/protocol.js';
import { XtpSession } from '../../../bindings/xtp/session.js';
import { until } from '../../helpers/wait.js';
import { BUILD_DIR, startSim } from './sim.js';

void process.stdout;
void process.stderr;

const SIDES = [1, 2, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 26, 27, 28, 29, 31, 32, 33, 34, 50];
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const TIME = /^20\d{6}[0-2]\d[0-5]\d[0-5]\d\d{3}$/;

const RULES: Record<string, Record<string, (v: unknown) => boolean>> = {
  OnQueryAllTickers: {
    exchange_id: (v) => [1, 2].includes(v as number),
    ticker_type: (v) => range(0, 6).includes(v as number),
    price_tick: (v) => (v as number) > 0,
    buy_qty_unit: (v) => (v as number) > 0,
  },
  OnDepthMarketData: {
    exchange_id: (v) => [1, 2].includes(v as number),
    data_time: (v) => TIME.test(String(v)),
    data_type: (v) => range(0, 3).includes(v as number),
  },
  OnOrderEvent: {
    market: (v) => [1, 2].includes(v as number),
    order_status: (v) => range(0, 7).includes(v as number),
    order_submit_status: (v) => range(1, 6).includes(v as number),
    side: (v) => SIDES.includes(v as number),
    business_type: (v) => range(0, 15).includes(v as number),
    price_type: (v) => range(1, 8).includes(v as number),
    insert_time: (v) => TIME.test(String(v)),
    order_type: (v) => ['0', '1', '2', '3', '4', '5'].includes(v as string),
    order_xtp_id: (v) => typeof v === 'bigint' && v > 2n ** 32n,
  },
  OnTradeEvent: {
    market: (v) => [1, 2].includes(v as number),
    side: (v) => SIDES.includes(v as number),
    business_type: (v) => range(0, 15).includes(v as number),
    trade_time: (v) => TIME.test(String(v)),
    trade_type: (v) => ['0', '1', '2', '3'].includes(v as string),
    exec_id: (v) => typeof v === 'string' && v.length > 0,
  },
  OnQueryPosition: {
    market: (v) => [1, 2].includes(v as number),
    position_direction: (v) => range(0, 3).includes(v as number),
  },
  OnQueryAsset: { account_type: (v) => range(0, 3).includes(v as number) },
  OnQueryOptionAuctionInfo: {
    security_id_source: (v) => [1, 2].includes(v as number),
    call_or_put: (v) => [1, 2].includes(v as number),
    last_trade_date: (v) => /^20\d{6}$/.test(String(v)),
  },
};
RULES.OnQueryOrder = RULES.OnOrderEvent!;
RULES.OnQueryTrade = RULES.OnTradeEvent!;

test('every record the simulated library sends has documented values; the call contract holds', async () => {
  const sim = await startSim({ abiVersion: '2.2.32' });
  await sim.control('holding 2 600000 1000 10.00');
  const events: SpiEvent[] = [];
  const session = new XtpSession({ onEvents: (e) => events.push(...e), onLog: () => undefined });
  try {
    await session.open({
      traderLibrary: sim.library,
      quoteLibrary: sim.library,
      clientId: 1,
      logDir: `${BUILD_DIR}/log-doc`,
      logLevel: 'warning',
      softwareKey: 'k',
      heartbeatS: 15,
    });
    const refused = await session.call('traderLogin', {
      ip: '127.0.0.1',
      port: 0,
      user: 'u',
      password: 'p',
      protocol: 1,
    });
    assert.is(refused.value, '0', 'a failed Login returns session 0');
    assert.ok(refused.error && refused.error.error_id !== 0, 'and GetApiLastError says why');
    const login = await session.call('traderLogin', {
      ip: '127.0.0.1',
      port: 6001,
      user: 'u',
      password: 'p',
      protocol: 1,
    });
    assert.ok(BigInt(login.value) > 0n, 'a session id');
    assert.is(
      (
        await session.call('quoteLogin', {
          ip: '127.0.0.1',
          port: 6002,
          user: 'u',
          password: 'p',
          protocol: 2,
        })
      ).value,
      '0',
    );
    await session.call('queryTickers', 1);
    await session.call('queryTickers', 2);
    await session.call('subscribe', { tickers: ['600000'], exchange: 1 });
    const s = login.value;
    const order = await session.call('insert', {
      sessionId: s,
      fields: {
        order_client_id: 7,
        ticker: '600000',
        market: 2,
        price: 10.51,
        quantity: 100n,
        price_type: 1,
        side: 1,
        business_type: 0,
      },
    });
    assert.ok(BigInt(order.value) > 2n ** 32n, 'InsertOrder returns the order_xtp_id');
    const bad = await session.call('insert', { sessionId: '12345', fields: { ticker: '600000', market: 2 } });
    assert.is(bad.value, '0', 'InsertOrder on an unknown session returns 0');
    let requestId = 1;
    for (const kind of ['orders', 'trades', 'position', 'asset', 'options'] as const)
      await session.call('query', { kind, sessionId: s, requestId: requestId++ });
    await until(
      () => events.some((e) => e.name === 'OnQueryOptionAuctionInfo' && e.isLast),
      'the last answer',
    );
    await until(() => events.some((e) => e.name === 'OnDepthMarketData'), 'a depth record');
  } finally {
    await session.close();
    await sim.stop();
  }
  const checked = new Map<string, number>();
  for (const e of events) {
    const rules = RULES[e.name];
    if (!rules || !e.data) continue;
    for (const [field, ok] of Object.entries(rules))
      assert.ok(ok(e.data[field]), `${e.name}.${field} = ${String(e.data[field])} is not a documented value`);
    checked.set(e.name, (checked.get(e.name) ?? 0) + 1);
  }
  for (const name of Object.keys(RULES)) assert.ok(checked.get(name), `no ${name} record was checked`);
});

test.run();
