// Sim/doc agreement: every report, query answer and market-data message the simulated OES/MDS library serves,
// caught through the real koffi binding, has the message id, size and body struct that OES's published
// headers and guide give (documented.ts, each fact with its source), and arrives in the documented order.
// The binding's own declarations must have the documented sizes too. Where they differ the simulator (or
// the binding) is wrong, not the documents.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CHANNEL,
  CHANNEL_BYTES,
  CLIENT_ENV_BYTES,
  MDS_CLIENT_ENV_BYTES,
  MDS_MD_PRODUCT_STOCK,
  MDS_SUB,
  RPT_HEAD_BYTES,
} from '../../../bindings/oes/library.js';
import { cStructName, oesStructs, type OesStructName } from '../../../bindings/oes/structs.js';
import { DirectOes, type QueryFn, type RawMsg } from './direct.js';
import {
  BS_TYPE_CANCEL,
  BUY_CANCEL_SEQUENCE,
  BUY_FILL_SEQUENCE,
  MDS_MSG,
  MDS_STREAM,
  OES_RPT,
  OES_RPT_IDS,
  OFFSETS,
  QUERY_ANSWER,
  REPORT_BODY,
  SIZES,
} from './documented.js';

let sim: DirectOes;
let lastSeq = 0n;

test.before(async () => {
  sim = await DirectOes.load();
  assert.is(sim.login().ok, 1);
});

/** Everything the report channel delivers now, each checked against the documented report shape. */
function reports(): RawMsg[] {
  const out = sim.wait('rpt');
  for (const p of out) {
    const id = `report 0x${p.msgId.toString(16)}`;
    assert.ok(OES_RPT_IDS.includes(p.msgId), `${id} is a documented report id`);
    const body = REPORT_BODY[p.msgId];
    assert.ok(body, `${id} is one vnt reads`);
    // OesRptMsgHeadT: rptSeqNum int64, rptMsgType uint8, execType uint8, bodyLength int16, ordRejReason int32.
    assert.ok(p.msgSize >= SIZES.OesRptMsgHeadT, `${id} holds its report head`);
    const seq = p.raw.readBigInt64LE(0);
    assert.is(seq, lastSeq + 1n, `${id}: rptSeqNum follows the last one`);
    lastSeq = seq;
    assert.is(p.raw.readUInt8(8), p.msgId, `${id}: rptMsgType equals the message id`);
    assert.is(p.raw.readInt16LE(10), SIZES[body!], `${id}: bodyLength is sizeof(${body})`);
    assert.is(p.msgSize, SIZES.OesRptMsgHeadT + SIZES[body!], `${id}: msgSize is head + body`);
  }
  return out;
}

const bodyOf = (p: RawMsg, st: OesStructName) => oesStructs[st].read(p.raw.subarray(RPT_HEAD_BYTES));
const order = (securityId: string, mktId: number, bsType: number, ordQty: number, ordPrice: number) =>
  sim.order(securityId, mktId, bsType, ordQty, ordPrice);

test('the binding declares every struct with its documented size', () => {
  for (const name of Object.keys(oesStructs) as OesStructName[]) {
    const c = cStructName(name) as keyof typeof SIZES;
    if (c in SIZES) assert.is(oesStructs[name].size, SIZES[c], `${c}`);
  }
  assert.is(CHANNEL_BYTES, SIZES.SGeneralClientChannelT, 'the channel stride is sizeof(OesApiSessionInfoT)');
  assert.is(CHANNEL.rpt * CHANNEL_BYTES, OFFSETS['OesApiClientEnvT.rptChannel']);
  assert.is(CHANNEL.qry * CHANNEL_BYTES, OFFSETS['OesApiClientEnvT.qryChannel']);
  assert.ok(CLIENT_ENV_BYTES >= SIZES.OesApiClientEnvT, 'the OES client env block holds OesApiClientEnvT');
  assert.ok(
    MDS_CLIENT_ENV_BYTES >= SIZES.MdsApiClientEnvT,
    'the MDS client env block holds MdsApiClientEnvT',
  );
});

test('the Level-2 snapshot is the documented head and MdsL2StockSnapshotBodyT; MdsL2TradeT as documented', () => {
  const l2 = oesStructs.L2Snapshot;
  assert.is(l2.size, SIZES.MdsMktDataSnapshotHeadT + SIZES.MdsL2StockSnapshotBodyT);
  assert.is(l2.offsetOf('TotalBidQty'), OFFSETS['L2.TotalBidQty']);
  assert.is(l2.offsetOf('WeightedAvgBidPx'), OFFSETS['L2.WeightedAvgBidPx']);
  assert.is(l2.offsetOf('BidPriceLevel'), OFFSETS['L2.BidPriceLevel']);
  assert.is(l2.offsetOf('Bid1Price'), OFFSETS['L2.BidLevels']);
  assert.is(l2.offsetOf('Offer1Price'), OFFSETS['L2.OfferLevels']);
  assert.is(l2.offsetOf('Bid2Price') - l2.offsetOf('Bid1Price'), SIZES.MdsPriceLevelEntryT);
  const trade = oesStructs.L2Trade;
  assert.is(trade.offsetOf('ExecType'), OFFSETS['L2Trade.ExecType']);
  assert.is(trade.offsetOf('TradePrice'), OFFSETS['L2Trade.TradePrice']);
  assert.is(trade.offsetOf('TradeQty'), OFFSETS['L2Trade.TradeQty']);
});

test('a buy that fills: the documented six reports, the trade carrying the order status', () => {
  const id = order('600000', 1, 1, 100, 102600);
  const r = reports();
  assert.equal(
    r.map((p) => p.msgId),
    BUY_FILL_SEQUENCE,
  );
  const trade = bodyOf(r[3]!, 'TrdCnfm');
  assert.is(trade.clSeqNo, id);
  assert.is(trade.ordStatus, 8, 'OES_ORD_STATUS_FILLED in the trade report');
  assert.is(trade.cumQty, 100);
});

test('a resting buy cancelled: the documented four reports, the first two the cancel request own', () => {
  const id = order('600000', 1, 1, 100, 100000);
  assert.equal(
    reports().map((p) => p.msgId),
    BUY_FILL_SEQUENCE.slice(0, 3),
  );
  const { clSeqNo: cancelSeqNo, rc } = sim.cancel(1, id);
  assert.is(rc, 0);
  const r = reports();
  assert.equal(
    r.map((p) => p.msgId),
    BUY_CANCEL_SEQUENCE,
  );
  for (const p of r.slice(0, 2)) {
    const c = bodyOf(p, 'OrdCnfm');
    assert.is(c.bsType, BS_TYPE_CANCEL);
    assert.is(c.clSeqNo, cancelSeqNo);
    assert.is(c.origClSeqNo, id);
  }
  const cancelled = bodyOf(r[2]!, 'OrdCnfm');
  assert.is(cancelled.clSeqNo, id);
  assert.is(cancelled.ordStatus, 7, 'OES_ORD_STATUS_CANCELED');
});

test('a refused order: one business reject carrying an OesOrdRejectT and the reason', () => {
  const id = order('600000', 1, 2, 1_000_000, 100000);
  const r = reports();
  assert.equal(
    r.map((p) => p.msgId),
    [OES_RPT.OESMSG_RPT_BUSINESS_REJECT],
  );
  const reject = bodyOf(r[0]!, 'OrdReject');
  assert.is(reject.clSeqNo, id);
  assert.is(reject.ordRejReason, r[0]!.raw.readInt32LE(12), 'the body and the head name the same reason');
  assert.ok(Number(reject.ordRejReason) > 0);
});

test('query answers: the documented message id and item size, the last row marked isEnd', () => {
  for (const [fn, [msgId, item]] of Object.entries(QUERY_ANSWER)) {
    const rows = sim.query(fn as QueryFn);
    assert.ok(rows.length > 0, `${fn} answered`);
    for (const row of rows) {
      assert.is(row.msgId, msgId, `${fn} message id`);
      assert.is(row.msgSize, SIZES[item], `${fn} row is sizeof(${item})`);
    }
    // OesQryCursorT: seqNo int32, isEnd int8.
    assert.equal(
      rows.map((row) => row.cursor!.readInt8(4)),
      rows.map((_, i) => (i === rows.length - 1 ? 1 : 0)),
      `${fn} isEnd`,
    );
  }
});

test('MDS: L1 0x0A (head + MdsStockSnapshotBodyT), L2 0x14 (+ MdsL2StockSnapshotBodyT), trades 0x16', () => {
  const cfg = '/tmp/oes_client.conf';
  const keys = ['log', 'mds_client', 'tcpServer', 'qryServer', null, null, null, null];
  assert.is(sim.oes.MdsInitAll(sim.mdEnv, cfg, ...keys), 1);
  const codes = '600000.SH,000001.SZ';
  const mode = MDS_SUB.MODE_SET;
  assert.is(
    sim.oes.MdsSubscribeByString(
      sim.mdTcp,
      codes,
      ',',
      0,
      MDS_MD_PRODUCT_STOCK,
      mode,
      MDS_SUB.DATA_L1_SNAPSHOT,
    ),
    1,
  );
  const got = sim.wait('md');
  assert.is(got.length, 2);
  for (const p of got) {
    assert.is(p.msgId, MDS_MSG.MDS_MSGTYPE_MARKET_DATA_SNAPSHOT_FULL_REFRESH);
    assert.is(p.msgSize, SIZES.MdsL1SnapshotT);
    // MdsMktDataSnapshotHeadT: bodyLength int16 at 16, mdStreamType uint8 at 18.
    assert.is(p.raw.readInt16LE(16), SIZES.MdsStockSnapshotBodyT, 'bodyLength');
    assert.is(p.raw.readUInt8(18), MDS_STREAM.L1_SNAPSHOT, 'mdStreamType');
    assert.is(p.raw.readUInt8(1), MDS_MD_PRODUCT_STOCK, 'mdProductType');
  }
  // Level-2: message 0x14, the head and MdsL2StockSnapshotBodyT, the L2 stream type.
  const l2 = MDS_SUB.DATA_L2_SNAPSHOT | MDS_SUB.DATA_L2_TRADE;
  assert.is(sim.oes.MdsSubscribeByString(sim.mdTcp, '600000.SH', ',', 0, MDS_MD_PRODUCT_STOCK, mode, l2), 1);
  const got2 = sim.wait('md');
  assert.is(got2.length, 1);
  assert.is(got2[0]!.msgId, MDS_MSG.MDS_MSGTYPE_L2_MARKET_DATA_SNAPSHOT);
  assert.is(got2[0]!.msgSize, SIZES.MdsMktDataSnapshotHeadT + SIZES.MdsL2StockSnapshotBodyT);
  assert.is(got2[0]!.raw.readInt16LE(16), SIZES.MdsL2StockSnapshotBodyT, 'bodyLength');
  assert.is(got2[0]!.raw.readUInt8(18), MDS_STREAM.L2_SNAPSHOT, 'mdStreamType');
  // A fill: its tick-by-tick trade (MdsL2TradeT), then the snapshot it moved.
  sim.order('600000', 1, 1, 100, 102600);
  sim.wait('rpt');
  const fill = sim.wait('md');
  assert.equal(
    fill.map((p) => [p.msgId, p.msgSize]),
    [
      [MDS_MSG.MDS_MSGTYPE_L2_TRADE, SIZES.MdsL2TradeT],
      [MDS_MSG.MDS_MSGTYPE_L2_MARKET_DATA_SNAPSHOT, got2[0]!.msgSize],
    ],
  );
  // MdsL2TradeT: ExecType char at 33 ('F' a trade), TradePrice int32 at 48, TradeQty int32 at 52.
  assert.equal(
    [fill[0]!.raw.readUInt8(33), fill[0]!.raw.readInt32LE(48), fill[0]!.raw.readInt32LE(52)],
    [0x46, 102600, 100],
  );
  sim.oes.MdsLogoutAll(sim.mdEnv, 1);
});

test.run();
