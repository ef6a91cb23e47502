// The real OES binding (bindings/oes/library.ts) against the simulated counter built with g++: login, the
// query callbacks, an order that fills (insert → declared → trade → filled reports through WaitReportMsg's
// callback), a resting order and its cancel, a refusal with OES's reason code, T+1 sellable holdings.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OESMSG, REPORT_BODY, RPT_HEAD_BYTES } from '../../../bindings/oes/library.js';
import { oesStructs, type OesRecord } from '../../../bindings/oes/structs.js';
import { DirectOes, rowsOf, type QueryFn } from './direct.js';

let sim: DirectOes;

test.before(async () => {
  sim = await DirectOes.load();
});

const query = (fn: QueryFn, st: keyof typeof oesStructs) => rowsOf(sim.query(fn), st);

/** The reports one WaitReportMsg delivers, each body decoded as its message id says. */
function reports(): { msgId: number; rej: number; body: OesRecord }[] {
  return sim.wait('rpt').map(({ msgId, raw }) => ({
    msgId,
    rej: raw.readInt32LE(12),
    body: oesStructs[REPORT_BODY[msgId] ?? 'OrdCnfm'].read(raw.subarray(RPT_HEAD_BYTES)),
  }));
}

const order = (securityId: string, mktId: number, bsType: number, ordQty: number, ordPrice: number) =>
  sim.order(securityId, mktId, bsType, ordQty, ordPrice);

test('version and login through InitAll', () => {
  assert.is(sim.oes.versionText, '0.16.1.4');
  assert.equal(sim.login(), { ok: 1, lastClSeqNo: 0 });
});

test('queries: stocks with Chinese names, cash, T+1 holdings', () => {
  const stocks = query('QueryStock', 'StockItem');
  assert.equal(
    stocks.map((s) => s.securityId),
    ['600000', '000001'],
  );
  assert.is(stocks[0]!.securityName, '浦发银行');
  assert.is(stocks[0]!.priceTick, 100);
  const cash = query('QueryCashAsset', 'CashAssetItem');
  assert.is(cash[0]!.currentAvailableBal, 1000000000000n);
  const hold = query('QueryStkHolding', 'StkHoldingItem');
  assert.is(hold[0]!.sellAvlHld, 1000n);
});

test('a crossing buy fills: insert, declared, a trade carrying FILLED; bought shares are not sellable today', () => {
  const id = order('600000', 1, 1, 200, 103000);
  const r = reports().filter((x) => x.msgId <= OESMSG.RPT_TRADE_REPORT);
  assert.equal(
    r.map((x) => x.msgId),
    [OESMSG.RPT_ORDER_INSERT, OESMSG.RPT_ORDER_REPORT, OESMSG.RPT_TRADE_REPORT],
  );
  assert.is(r[2]!.body.trdPrice, 102600);
  assert.is(r[2]!.body.clSeqNo, id);
  assert.is(r[2]!.body.ordStatus, 8); // OES_ORD_STATUS_FILLED
  const hold = query('QueryStkHolding', 'StkHoldingItem');
  assert.is(hold[0]!.sumHld, 1200n);
  assert.is(hold[0]!.sellAvlHld, 1000n);
  assert.is(query('QueryTrade', 'TrdCnfm').length, 1);
});

test('a resting order is cancelled; a second cancel is refused with a reason code', () => {
  const id = order('000001', 2, 1, 100, 110000);
  assert.equal(
    reports()
      .filter((x) => x.msgId !== OESMSG.RPT_CASH_ASSET_VARIATION)
      .map((x) => x.body.ordStatus),
    [1, 2],
  );
  const cancel = (n: number) => sim.cancel(2, n).rc;
  assert.is(cancel(id), 0);
  // The cancel request's own insert and report come first (bsType 30), then the cancelled order.
  const c = reports().filter((x) => x.body.clSeqNo === id);
  assert.is(c[0]!.body.ordStatus, 7); // OES_ORD_STATUS_CANCELED
  assert.is(c[0]!.body.canceledQty, 100);
  cancel(id);
  const again = reports();
  assert.is(again[0]!.msgId, OESMSG.RPT_BUSINESS_REJECT);
  assert.is(again[0]!.rej, 1272);
});

test('refusals carry OES reason codes: unknown security, odd lot, selling more than sellable', () => {
  order('999999', 1, 1, 100, 10000);
  order('600000', 1, 1, 150, 103000);
  order('600000', 1, 2, 1100, 100000);
  assert.equal(
    reports().map((x) => [x.msgId, x.rej]),
    [
      [OESMSG.RPT_BUSINESS_REJECT, 1231],
      [OESMSG.RPT_BUSINESS_REJECT, 1237],
      [OESMSG.RPT_BUSINESS_REJECT, 1258],
    ],
  );
  sim.oes.LogoutAll(sim.env, 1);
});

test.run();
