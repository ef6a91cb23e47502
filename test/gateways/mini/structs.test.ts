// CTP Mini's struct layout: koffi's sizes and offsets equal g++'s for the same declarations, and every field
// vnt declares sits at the offset of the public V1.6.3 header's layout (fixture re-typed from it, source in
// the fixture), with full sizes where vnt's declaration reaches the vendor struct's end.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cppDeclarations,
  cppStructName,
  structsFor,
  type StructName,
} from '../../../bindings/ctp/structs.js';
import { gccLayout } from '../../helpers/cpp-layout.js';

const mini = structsFor('mini');
const documented = JSON.parse(fs.readFileSync('test/fixtures/mini/struct-layout-1.6.3.json', 'utf8')) as {
  structs: Record<string, { size: number; offsets: Record<string, number> }>;
};

test("koffi sizes and offsets equal g++'s", async () => {
  const gcc = await gccLayout(
    cppDeclarations('mini'),
    Object.values(mini),
    (n) => cppStructName(n as StructName),
    path.resolve('test/gateways/ctp/build'),
    'mini',
  );
  let checked = 0;
  for (const s of Object.values(mini)) {
    assert.is(s.size, gcc[`${s.name}.size`], `${s.name} size`);
    for (const f of s.fields) {
      assert.is(s.offsetOf(f.name), gcc[`${s.name}.${f.name}`], `${s.name}.${f.name}`);
      checked++;
    }
  }
  assert.ok(checked > 300, `only ${checked} fields checked`);
});

test('every declared field at the documented Mini 1.6.3 offset', () => {
  let checked = 0;
  for (const s of Object.values(mini)) {
    const doc = documented.structs[s.name];
    if (!doc) continue; // QryOrder/QryTrade: only their leading BrokerID/InvestorID are declared.
    for (const f of s.fields) {
      assert.is(s.offsetOf(f.name), doc.offsets[f.name], `${s.name}.${f.name}`);
      checked++;
    }
  }
  assert.ok(checked > 300, `only ${checked} fields checked`);
  // Mini is not CTP: same names, other places.
  assert.is(mini.InputOrder.offsetOf('InstrumentID'), 24);
  assert.is.not(structsFor('modern').InputOrder.offsetOf('InstrumentID'), 24);
  assert.is(
    mini.InvestorPosition.fields.some((f) => f.name === 'ExchangeID'),
    false,
  );
});

test('full sizes where the declaration reaches the end of the vendor struct', () => {
  const full: StructName[] = [
    'ReqAuthenticate',
    'ReqUserLogin',
    'SettlementInfoConfirm',
    'QryInstrument',
    'Instrument',
    'QryTradingAccount',
    'QryInvestorPosition',
    'InvestorPosition',
    'InputOrder',
    'InputOrderAction',
    'Order',
    'Trade',
    'SpecificInstrument',
    'QryInstrumentMarginRate',
    'InstrumentMarginRate',
    'QryInstrumentCommissionRate',
    'InstrumentCommissionRate',
  ];
  for (const name of full) assert.is(mini[name].size, documented.structs[name]!.size, name);
  // Declared up to the last field vnt reads (later releases appended fields there).
  assert.ok(mini.DepthMarketData.size < documented.structs.DepthMarketData!.size);
  assert.ok(mini.RspInfo.size <= documented.structs.RspInfo!.size);
});

test.run();
