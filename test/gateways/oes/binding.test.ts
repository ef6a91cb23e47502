// The real OES binding (bindings/oes/library.ts) against the simulated counter built with g++: login, the
// query callbacks, an order that fills (insert → declared → trade → filled reports through WaitReportMsg's
// callback), a resting order and its cancel, a refusal with OES's reason code, T+1 sellable holdings.
import path from 'node:path';
import koffi from 'koffi';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CHANNEL,
  CHANNEL_BYTES,
  CLIENT_ENV_BYTES,
  loadOes,
  MsgHead,
  OESMSG,
  OnQryMsg,
  OnRptMsg,
  RPT_HEAD_BYTES,
  type OesLibrary,
} from '../../../bindings/oes/library.js';
import { oesStructs, type OesRecord, type OesStructName } from '../../../bindings/oes/structs.js';
import { buildOesSim } from '../../../gateways/oes/sim/build.js';

let oes: OesLibrary;
const env = koffi.alloc('uint8_t', CLIENT_ENV_BYTES) as bigint;
const chan = (c: keyof typeof CHANNEL) => koffi.as(env + BigInt(CHANNEL[c] * CHANNEL_BYTES), 'void *');
let clSeqNo = 0;

test.before(async () => {
  oes = loadOes(await buildOesSim(path.resolve('test/gateways/oes/build')));
});

function query(
  fn: 'QueryStock' | 'QueryCashAsset' | 'QueryStkHolding' | 'QueryOrder' | 'QueryTrade',
  st: OesStructName,
) {
  const out: OesRecord[] = [];
  const size = oesStructs[st].size;
  const cb = koffi.register((_c: unknown, _h: unknown, item: unknown) => {
    out.push(oesStructs[st].read(Buffer.from(koffi.decode(item, koffi.array('uint8_t', size)) as number[])));
    return 0;
  }, koffi.pointer(OnQryMsg));
  try {
    const n = oes[fn](chan('qry'), null, cb, null) as number;
    assert.is(n, out.length, `${fn} count`);
  } finally {
    koffi.unregister(cb);
  }
  return out;
}

function reports(): { msgId: number; rej: number; body: OesRecord }[] {
  const out: { msgId: number; rej: number; body: OesRecord }[] = [];
  const cb = koffi.register((_c: unknown, head: unknown, item: unknown) => {
    const h = koffi.decode(head, MsgHead) as { msgId: number; msgSize: number };
    const raw = Buffer.from(koffi.decode(item, koffi.array('uint8_t', h.msgSize)) as number[]);
    const st = h.msgId === OESMSG.RPT_TRADE_REPORT ? oesStructs.TrdCnfm : oesStructs.OrdCnfm;
    out.push({ msgId: h.msgId, rej: raw.readInt32LE(12), body: st.read(raw.subarray(RPT_HEAD_BYTES)) });
    return 0;
  }, koffi.pointer(OnRptMsg));
  try {
    oes.WaitReportMsg(chan('rpt'), 0, cb, null);
  } finally {
    koffi.unregister(cb);
  }
  return out;
}

function order(securityId: string, mktId: number, bsType: number, ordQty: number, ordPrice: number) {
  const req = oesStructs.OrdReq.write({
    clSeqNo: ++clSeqNo,
    mktId,
    ordType: 0,
    bsType,
    securityId,
    ordQty,
    ordPrice,
  });
  assert.is(oes.SendOrderReq(chan('ord'), req), 0);
  return clSeqNo;
}

test('version and login through InitAll', () => {
  assert.is(oes.versionText, '0.16.1.4');
  const last = [0];
  assert.is(
    oes.InitAll(
      env,
      '/tmp/oes_client.conf',
      'log',
      'oes_client',
      'ordServer',
      'rptServer',
      'qryServer',
      0n,
      last,
    ),
    1,
  );
  assert.is(last[0], 0);
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

test('a crossing buy fills: insert, declared, trade, filled; bought shares are not sellable today', () => {
  const id = order('600000', 1, 1, 200, 103000);
  const r = reports();
  assert.equal(
    r.map((x) => x.msgId),
    [OESMSG.RPT_ORDER_INSERT, OESMSG.RPT_ORDER_REPORT, OESMSG.RPT_TRADE_REPORT, OESMSG.RPT_ORDER_REPORT],
  );
  assert.is(r[2]!.body.trdPrice, 102600);
  assert.is(r[2]!.body.clSeqNo, id);
  assert.is(r[3]!.body.ordStatus, 8); // OES_ORD_STATUS_FILLED
  const hold = query('QueryStkHolding', 'StkHoldingItem');
  assert.is(hold[0]!.sumHld, 1200n);
  assert.is(hold[0]!.sellAvlHld, 1000n);
  assert.is(query('QueryTrade', 'TrdCnfm').length, 1);
});

test('a resting order is cancelled; a second cancel is refused with a reason code', () => {
  const id = order('000001', 2, 1, 100, 110000);
  assert.equal(
    reports().map((x) => x.body.ordStatus),
    [1, 2],
  );
  const cancel = (n: number) =>
    oes.SendOrderCancelReq(
      chan('ord'),
      oesStructs.OrdCancelReq.write({ clSeqNo: ++clSeqNo, mktId: 2, origClSeqNo: n }),
    );
  assert.is(cancel(id), 0);
  const c = reports();
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
  oes.LogoutAll(env, 1);
});

test.run();
