// The binding's OES/MDS struct layouts: koffi's sizes and offsets must equal g++'s for the same declarations,
// and the fields vnt relies on must sit where the documented 0.16.x layouts put them
// (reference/vendor-structs.md, "OES/MDS 0.16.x C API").
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cppLayoutProgram, type StructSet } from '../../../bindings/native/structs.js';
import { runCppProgram } from '../../../bindings/native/sim-build.js';
import { cStructName, oesStructs, type OesStructName } from '../../../bindings/oes/structs.js';

const buildDir = path.resolve('test/gateways/oes/build');

test('koffi sizes and offsets equal g++ for every OES/MDS struct', async () => {
  const set = oesStructs as unknown as StructSet<string>;
  const stdout = await runCppProgram(cppLayoutProgram(set, cStructName), buildDir, 'layout-oes');
  const gcc: Record<string, number> = {};
  for (const line of stdout.trim().split('\n')) {
    const [k, v] = line.split(' ') as [string, string];
    gcc[k] = Number(v);
  }
  let checked = 0;
  for (const st of Object.values(set)) {
    assert.is(st.size, gcc[`${st.name}.size`], `${st.name} size`);
    for (const f of st.fields) {
      assert.is(st.offsetOf(f.name), gcc[`${st.name}.${f.name}`], `${st.name}.${f.name}`);
      checked++;
    }
  }
  assert.ok(checked > 300, `only ${checked} fields checked`);
});

test('documented 0.16.x sizes and offsets', () => {
  const sizes: [OesStructName, number][] = [
    ['OrdReq', 72],
    ['OrdCancelReq', 72],
    ['OrdCnfm', 336],
    ['TrdCnfm', 248],
    ['CashAssetItem', 264],
    ['StkHoldingItem', 232],
    ['StockItem', 384],
    ['L1Snapshot', 320],
  ];
  for (const [name, size] of sizes) assert.is(oesStructs[name].size, size, `${name} size`);
  const offsets: [OesStructName, string, number][] = [
    ['OrdReq', 'ordPrice', 44],
    ['OrdReq', 'origClOrdId', 48],
    ['OrdCancelReq', 'origClSeqNo', 40],
    ['OrdCancelReq', 'origClOrdId', 48],
    ['OrdCnfm', 'clOrdId', 72],
    ['OrdCnfm', 'ordStatus', 100],
    ['OrdCnfm', 'exchOrdId', 108],
    ['OrdCnfm', 'cumQty', 176],
    ['OrdCnfm', 'ordRejReason', 184],
    ['OrdCnfm', 'frzMargin', 296],
    ['TrdCnfm', 'trdPrice', 60],
    ['TrdCnfm', 'clSeqNo', 104],
    ['TrdCnfm', 'trdMargin', 208],
    ['CashAssetItem', 'currentAvailableBal', 176],
    ['StkHoldingItem', 'sellAvlHld', 184],
    ['StkHoldingItem', 'costPrice', 224],
    ['StockItem', 'priceTick', 72],
    ['StockItem', 'securityName', 216],
    ['L1Snapshot', 'SecurityID', 72],
    ['L1Snapshot', 'TradePx', 136],
    ['L1Snapshot', 'Bid1Price', 160],
    ['L1Snapshot', 'Offer1Price', 240],
    ['L1Snapshot', 'Offer5OrderQty', 312],
  ];
  for (const [name, field, at] of offsets)
    assert.is(oesStructs[name].offsetOf(field), at, `${name}.${field}`);
});

test('a written order request reads back (int x10000 price, 64-bit ids as bigint)', () => {
  const s = oesStructs.OrdReq;
  const buf = s.write({
    clSeqNo: 7,
    mktId: 1,
    securityId: '600000',
    ordQty: 100,
    ordPrice: 102500,
    origClOrdId: 2n ** 40n,
  });
  const r = s.read(buf);
  assert.is(r.securityId, '600000');
  assert.is(r.ordPrice, 102500);
  assert.is(r.origClOrdId, 2n ** 40n);
});

test.run();
