// XTP mapping: the side, position effect, business type and price type of every order kind vnt can send
// (pinned: VN Trader's XTP gateway reversed the cash buy/sell sides), their way back, XTP's integer times, and
// a seeded fuzz of the shape checks and record parsers with hostile records.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Direction, Exchange, Offset, OrderType, Product, Status } from '../../../src/core/constant.js';
import type { XtpRecord } from '../../../bindings/xtp/structs.js';
import {
  businessFields,
  checkRecord,
  orderFields,
  parseAccount,
  parseContract,
  parseCreditDebt,
  parseCreditFund,
  parseNqContract,
  parseOrder,
  parsePosition,
  parseTick,
  parseTrade,
  reportProblem,
  SHAPES,
  sideToVnt,
  tickProblem,
  withOptionInfo,
  xtpTime,
  type AccountMode,
} from '../../../gateways/xtp/parse.js';
import { FuzzRng } from '../../helpers/fuzz.js';

const L = Direction.LONG;
const S = Direction.SHORT;

test('order fields: cash, credit and option orders on both exchanges', () => {
  const f = (
    d: Direction,
    o: Offset,
    t: OrderType,
    ex: Exchange,
    p = Product.EQUITY,
    m: AccountMode = 'cash',
  ) => orderFields({ direction: d, offset: o, type: t, exchange: ex }, p, m);
  const cases: [ReturnType<typeof f>, [number, number, number, number]][] = [
    // [side, position_effect, business_type, price_type]
    [f(L, Offset.NONE, OrderType.LIMIT, Exchange.SSE), [1, 0, 0, 1]],
    [f(S, Offset.NONE, OrderType.LIMIT, Exchange.SSE), [2, 0, 0, 1]],
    [f(L, Offset.NONE, OrderType.MARKET, Exchange.SSE), [1, 0, 0, 4]],
    [f(L, Offset.NONE, OrderType.MARKET, Exchange.SZSE), [1, 0, 0, 4]],
    [f(L, Offset.NONE, OrderType.FAK, Exchange.SSE), [1, 0, 0, 4]],
    [f(S, Offset.NONE, OrderType.FAK, Exchange.SZSE), [2, 0, 0, 2]],
    [f(L, Offset.NONE, OrderType.FOK, Exchange.SZSE), [1, 0, 0, 5]],
    [f(L, Offset.NONE, OrderType.LIMIT, Exchange.SSE, Product.EQUITY, 'credit'), [1, 0, 4, 1]],
    [f(L, Offset.OPEN, OrderType.LIMIT, Exchange.SSE, Product.EQUITY, 'credit'), [21, 0, 4, 1]],
    [f(S, Offset.OPEN, OrderType.LIMIT, Exchange.SSE, Product.EQUITY, 'credit'), [22, 0, 4, 1]],
    [f(S, Offset.CLOSE, OrderType.LIMIT, Exchange.SZSE, Product.EQUITY, 'credit'), [23, 0, 4, 1]],
    [f(L, Offset.CLOSE, OrderType.LIMIT, Exchange.SZSE, Product.EQUITY, 'credit'), [24, 0, 4, 1]],
    [f(L, Offset.OPEN, OrderType.LIMIT, Exchange.SSE, Product.OPTION), [1, 1, 10, 1]],
    [f(S, Offset.CLOSE, OrderType.LIMIT, Exchange.SSE, Product.OPTION), [2, 2, 10, 1]],
    [f(S, Offset.OPEN, OrderType.FOK, Exchange.SSE, Product.OPTION), [2, 1, 10, 8]],
    [f(L, Offset.CLOSETODAY, OrderType.FAK, Exchange.SSE, Product.OPTION), [1, 4, 10, 2]],
  ];
  for (const [got, [side, position_effect, business_type, price_type]] of cases)
    assert.equal(got, { side, position_effect, business_type, price_type });
  assert.match(String(f(L, Offset.NONE, OrderType.FOK, Exchange.SSE)), /SSE has no fill-or-kill/);
  assert.match(String(f(L, Offset.OPEN, OrderType.LIMIT, Exchange.SSE)), /credit account mode/);
  assert.match(
    String(f(L, Offset.CLOSETODAY, OrderType.LIMIT, Exchange.SSE, Product.EQUITY, 'credit')),
    /does not apply/,
  );
  assert.match(
    String(f(L, Offset.NONE, OrderType.LIMIT, Exchange.SSE, Product.OPTION)),
    /option order needs an offset/,
  );
  assert.match(String(f(L, Offset.NONE, OrderType.STOP, Exchange.SSE)), /STOP is not supported/);
});

test('sides map back to the direction and offset they were sent with', () => {
  for (const mode of ['cash', 'credit'] as const)
    for (const d of [L, S])
      for (const o of [Offset.NONE, Offset.OPEN, Offset.CLOSE]) {
        const f = orderFields(
          { direction: d, offset: o, type: OrderType.LIMIT, exchange: Exchange.SSE },
          Product.EQUITY,
          mode,
        );
        if (typeof f === 'string') continue;
        assert.equal(sideToVnt(f.side, f.position_effect), { direction: d, offset: o }, `${mode} ${d} ${o}`);
      }
});

// XTP_BUSINESS_TYPE_IPOS 1 / ETF 3, XTP_SIDE_BUY 1 / PURCHASE 7 / REDEMPTION 8, XTP_PRICE_LIMIT 1 (the public
// xtp_api_data_type.h of every release vnt binds).
test('business orders: IPO subscription, ETF creation and redemption fields; a redemption reads back as a sale', () => {
  assert.equal(businessFields('ipo'), { side: 1, position_effect: 0, business_type: 1, price_type: 1 });
  assert.equal(businessFields('etf_purchase'), {
    side: 7,
    position_effect: 0,
    business_type: 3,
    price_type: 1,
  });
  assert.equal(businessFields('etf_redeem'), {
    side: 8,
    position_effect: 0,
    business_type: 3,
    price_type: 1,
  });
  assert.is(sideToVnt(7, 0).direction, Direction.LONG);
  assert.is(sideToVnt(8, 0).direction, Direction.SHORT);
});

test('XTP times are YYYYMMDDHHMMSSsss in China time; order states', () => {
  assert.is(xtpTime(20250102093000500n), Date.UTC(2025, 0, 2, 1, 30, 0, 500));
  assert.is(xtpTime('garbage'), 0);
  const r: XtpRecord = {
    order_xtp_id: 5n,
    order_client_id: 7,
    ticker: '600000',
    market: 2,
    price: 10,
    quantity: 300n,
    qty_traded: 100n,
    order_status: 3,
    side: 1,
    position_effect: 0,
    price_type: 1,
    insert_time: 20250102093000000n,
  };
  const o = parseOrder(r, 'XTP', Exchange.SSE, '7');
  assert.equal(
    [o.status, o.traded, o.volume, o.direction],
    [Status.CANCELLED, 100, 300, L],
    'partly filled, rest cancelled',
  );
  assert.is(parseOrder({ ...r, order_status: 2 }, 'XTP', Exchange.SSE, '7').status, Status.PARTTRADED);
  assert.is(parseOrder({ ...r, order_status: 6 }, 'XTP', Exchange.SSE, '7', '[1] x').statusMsg, '[1] x');
});

test('plausibility beyond the shape: impossible sides, statuses, prices, volumes and times are refused', () => {
  const order: XtpRecord = { side: 1, price: 10, quantity: 100n, qty_traded: 0n, order_status: 4 };
  assert.is(reportProblem(order, 'order'), null);
  assert.match(String(reportProblem({ ...order, side: 99 }, 'order')), /side 99/);
  assert.match(String(reportProblem({ ...order, order_status: 9 }, 'order')), /order_status 9/);
  assert.match(String(reportProblem({ ...order, price: -1 }, 'order')), /price -1/);
  assert.match(String(reportProblem({ ...order, qty_traded: 200n }, 'order')), /qty_traded 200/);
  assert.is(reportProblem({ side: 2, price: 10, quantity: 100n }, 'trade'), null);
  const tick: XtpRecord = { data_time: 20250102093000000n, last_price: 10, bid1: 10, ask1: 10.01, qty: 5n };
  assert.is(tickProblem(tick), null);
  assert.match(String(tickProblem({ ...tick, data_time: 12n })), /data_time 12/);
  assert.match(String(tickProblem({ ...tick, ask1: 1e300 })), /ask1/);
  assert.match(String(tickProblem({ ...tick, qty: -5n })), /qty -5/);
  // Levels 6-10 reach the tick now, so they are checked too.
  assert.match(String(tickProblem({ ...tick, bid9: -1 })), /bid9 -1 is not a price/);
  assert.match(String(tickProblem({ ...tick, ask_qty10: -3n })), /ask_qty10 -3 is not a volume/);
});

test('ten levels: 1-5 in the flat fields, all ten in depth; a side ends at its first empty level', () => {
  const r: XtpRecord = { ticker: '600000', data_time: 20250102093000000n, qty: 5n, last_price: 10 };
  for (let n = 1; n <= 10; n++) {
    r[`bid${n}`] = 101 - n; // whole prices keep the expectations exact
    r[`ask${n}`] = n <= 7 ? 100 + n : 0; // a thin ask side: seven levels, then zeros
    r[`bid_qty${n}`] = BigInt(100 * n);
    r[`ask_qty${n}`] = n <= 7 ? BigInt(200 * n) : 0n;
  }
  const t = parseTick(r, 'XTP', Exchange.SSE, '浦发银行');
  assert.equal(
    [t.bidPrice1, t.bidVolume1, t.bidPrice5, t.bidVolume5, t.askPrice5, t.askVolume5],
    [100, 100, 96, 500, 105, 1000],
  );
  assert.is(t.depth?.bids.length, 10);
  assert.equal(t.depth?.bids[5], [95, 600]);
  assert.equal(t.depth?.bids[9], [91, 1000]);
  assert.is(t.depth?.asks.length, 7);
  assert.equal(t.depth?.asks[6], [107, 1400]);
  // The first five depth levels are the flat fields.
  assert.equal(t.depth?.asks.slice(0, 5), [
    [t.askPrice1, t.askVolume1],
    [t.askPrice2, t.askVolume2],
    [t.askPrice3, t.askVolume3],
    [t.askPrice4, t.askVolume4],
    [t.askPrice5, t.askVolume5],
  ]);
  // A gap (an empty level followed by a priced one) ends the side at the gap.
  const gap = parseTick({ ...r, bid3: 0, bid_qty3: 0n }, 'XTP', Exchange.SSE, '');
  assert.is(gap.depth?.bids.length, 2);
  assert.is(gap.bidPrice4, 97);
});

test('seeded fuzz: hostile records never throw; a record that passes its shape check parses to finite numbers', () => {
  const rng = new FuzzRng(20250102);
  const base: Record<keyof typeof SHAPES, XtpRecord> = {
    NQFullInfo: {
      exchange_id: 3,
      ticker: '830799',
      ticker_name: '艾融软件',
      price_gear: 0.01,
      mini_declared_vol: 100,
      buy_vol_unit: 1,
    },
    QuoteStaticInfo: {
      exchange_id: 1,
      ticker: '600000',
      ticker_name: '浦发银行',
      ticker_type: 0,
      price_tick: 0.01,
      buy_qty_unit: 100,
    },
    MarketData: {
      exchange_id: 2,
      ticker: '000001',
      last_price: 12,
      data_time: 20250102093000000n,
      qty: 5n,
      bid1: 12,
      ask1: 12.01,
    },
    OrderInfo: {
      order_xtp_id: 1n,
      order_client_id: 2,
      ticker: '600000',
      market: 2,
      price: 10,
      quantity: 100n,
      qty_traded: 0n,
      order_status: 4,
      side: 1,
    },
    TradeReport: {
      order_xtp_id: 1n,
      ticker: '600000',
      market: 2,
      exec_id: '9',
      price: 10,
      quantity: 100n,
      trade_time: 20250102093000000n,
      side: 1,
    },
    QueryStkPositionRsp: {
      ticker: '600000',
      market: 2,
      total_qty: 100n,
      sellable_qty: 0n,
      yesterday_position: 0n,
      avg_price: 10,
      position_direction: 0,
    },
    QueryAssetRsp: { total_asset: 1, buying_power: 1, withholding_amount: 0 },
    CrdCashRepayRsp: { xtp_id: 7n, request_amount: 100, cash_repay_amount: 100 },
    CrdFundInfo: { maintenance_ratio: 2, all_asset: 2, all_debt: 1, line_of_credit: 5, guaranty: 1 },
    CrdDebtInfo: {
      debt_type: 0,
      debt_id: 'D1',
      order_xtp_id: 1n,
      debt_status: 0,
      market: 2,
      ticker: '600000',
      end_date: 20250702n,
      remain_amt: 1000,
      remain_qty: 0n,
      remain_principal: 1000,
    },
    OptionAuctionInfoRsp: {
      ticker: '10004000',
      security_id_source: 2,
      underlying_security_id: '510050',
      call_or_put: 1,
      exercise_price: 2.6,
      last_trade_date: 20250122,
      contract_unit: 10000n,
    },
  };
  const hostile = (): unknown => {
    switch (rng.int(0, 4)) {
      case 0:
        return rng.json();
      case 1:
        return rng.pick([null, undefined, 7, 'x', []]);
      default: {
        const shape = rng.pick(Object.keys(base) as (keyof typeof SHAPES)[]);
        const r: Record<string, unknown> = { ...base[shape] };
        const key = rng.pick(Object.keys(r));
        r[key] = rng.pick([
          rng.nastyString(),
          rng.nastyNumber(),
          NaN,
          Infinity,
          undefined,
          null,
          2n ** 70n,
          true,
        ]);
        return r;
      }
    }
  };
  const option = parseContract(
    {
      exchange_id: 1,
      ticker: '10004000',
      ticker_name: '50ETF购1月2600',
      ticker_type: 4,
      price_tick: 0.0001,
      buy_qty_unit: 1,
    },
    'XTP',
  )!;
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const r = hostile();
    for (const shape of Object.keys(SHAPES) as (keyof typeof SHAPES)[]) {
      const problem = checkRecord(r, SHAPES[shape]);
      if (problem) continue;
      accepted++;
      const rec = r as XtpRecord;
      const out =
        shape === 'QuoteStaticInfo'
          ? parseContract(rec, 'XTP')
          : shape === 'NQFullInfo'
            ? parseNqContract(rec, 'XTP')
            : shape === 'MarketData'
              ? parseTick(rec, 'XTP', Exchange.SSE, '')
              : shape === 'OrderInfo'
                ? parseOrder(rec, 'XTP', Exchange.SSE, '1')
                : shape === 'TradeReport'
                  ? parseTrade(rec, 'XTP', Exchange.SSE, '1')
                  : shape === 'QueryStkPositionRsp'
                    ? parsePosition(rec, 'XTP')
                    : shape === 'OptionAuctionInfoRsp'
                      ? withOptionInfo(option, rec)
                      : shape === 'CrdFundInfo'
                        ? parseCreditFund(rec)
                        : shape === 'CrdDebtInfo'
                          ? parseCreditDebt(rec)
                          : shape === 'CrdCashRepayRsp'
                            ? { repaid: Number(rec.cash_repay_amount) }
                            : parseAccount(rec, 'XTP', 'a');
      for (const v of Object.values(out ?? {}))
        if (typeof v === 'number')
          assert.ok(Number.isFinite(v), `${shape}: a non-finite number from ${String(r)}`);
    }
  }
  assert.ok(accepted > 150, `only ${accepted} records passed a shape check`);
});

test.run();
