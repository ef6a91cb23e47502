// The binding's struct layouts: koffi's sizes and offsets must equal g++'s for the same declarations, and the
// fields vnt relies on must sit where the documented vendor layouts put them (6.3.x vs 6.5.1+).
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  cppDeclarations,
  cppStructName,
  structsFor,
  type Generation,
} from '../../../bindings/ctp/structs.js';
import { gccLayout } from '../../helpers/cpp-layout.js';

const buildDir = path.resolve('test/gateways/ctp/build');

/** g++'s layout of one generation's declarations. */
const gccLayoutOf = (gen: Generation) =>
  gccLayout(
    cppDeclarations(gen),
    Object.values(structsFor(gen)),
    (n) => cppStructName(n as Parameters<typeof cppStructName>[0]),
    buildDir,
    gen,
  );

for (const gen of ['legacy', 'modern'] as const) {
  test(`${gen}: koffi sizes and offsets equal g++'s`, async () => {
    const gcc = await gccLayoutOf(gen);
    let checked = 0;
    for (const s of Object.values(structsFor(gen))) {
      assert.is(s.size, gcc[`${s.name}.size`], `${s.name} size`);
      for (const f of s.fields) {
        assert.is(s.offsetOf(f.name), gcc[`${s.name}.${f.name}`], `${s.name}.${f.name}`);
        checked++;
      }
    }
    assert.ok(checked > 300, `only ${checked} fields checked`);
  });
}

test('documented vendor offsets (6.3.6 legacy, 6.7.11 modern)', () => {
  const legacy = structsFor('legacy');
  const modern = structsFor('modern');
  const expect: [Generation, string, string, number][] = [
    ['legacy', 'InputOrder', 'InstrumentID', 24],
    ['modern', 'InputOrder', 'InstrumentID', 271],
    ['modern', 'InputOrder', 'IPAddress', 352],
    ['legacy', 'InputOrderAction', 'MacAddress', 180],
    ['modern', 'InputOrderAction', 'InstrumentID', 201],
    ['legacy', 'Order', 'StatusMsg', 439],
    ['modern', 'Order', 'InstrumentID', 656],
    ['modern', 'Order', 'IPAddress', 818],
    ['modern', 'Trade', 'InstrumentID', 334],
    ['legacy', 'Trade', 'InvestUnitID', 317],
    ['modern', 'InvestorPosition', 'InstrumentID', 384],
    ['legacy', 'InvestorPosition', 'InvestUnitID', 340],
    ['modern', 'Instrument', 'UnderlyingInstrID', 532],
    ['legacy', 'Instrument', 'CombinationType', 288],
    ['modern', 'DepthMarketData', 'ExchangeInstID', 482],
    ['legacy', 'DepthMarketData', 'ActionDay', 392],
    ['modern', 'ReqUserLogin', 'ClientIPAddress', 228],
    ['modern', 'RspUserLogin', 'MaxOrderRef', 96],
    ['modern', 'TradingAccount', 'CurrencyID', 256],
    ['modern', 'QryInvestorPosition', 'InstrumentID', 81],
    // The rate queries, from the 6.3.15 and 6.7.11 headers (vnpy/vnpy_ctp c677b7d, ed736a5).
    ['legacy', 'QryInstrumentMarginRate', 'HedgeFlag', 55],
    ['modern', 'QryInstrumentMarginRate', 'InstrumentID', 82],
    ['modern', 'QryInstrumentCommissionRate', 'InstrumentID', 81],
    ['legacy', 'InstrumentMarginRate', 'HedgeFlag', 56],
    ['modern', 'InstrumentMarginRate', 'LongMarginRatioByMoney', 64],
    ['modern', 'InstrumentMarginRate', 'IsRelative', 96],
    ['modern', 'InstrumentMarginRate', 'InstrumentID', 126],
    ['legacy', 'InstrumentCommissionRate', 'OpenRatioByMoney', 56],
    ['modern', 'InstrumentCommissionRate', 'CloseTodayRatioByVolume', 96],
    ['modern', 'InstrumentCommissionRate', 'InstrumentID', 131],
  ];
  for (const [gen, s, f, off] of expect) {
    const set = gen === 'legacy' ? legacy : modern;
    assert.is(set[s as keyof typeof set].offsetOf(f), off, `${gen} ${s}.${f}`);
  }
  // Documented full sizes where vnt's declaration reaches the end of the vendor struct.
  assert.is(legacy.InputOrder.size, 272);
  assert.is(legacy.Order.size, 656);
  assert.is(legacy.Trade.size, 336);
  assert.is(modern.Trade.size, 496);
  assert.is(modern.Instrument.size, 616);
  assert.is(legacy.Instrument.size, 296);
  assert.is(modern.ReqUserLogin.size, 264);
  assert.is(legacy.ReqUserLogin.size, 228);
  assert.is(modern.InstrumentMarginRate.size, 208);
  assert.is(modern.InstrumentCommissionRate.size, 216);
  assert.is(modern.QryInstrumentMarginRate.size, 163);
  assert.is(modern.QryInstrumentCommissionRate.size, 162);
});

test('GBK text decodes and requests encode NUL-terminated', () => {
  const s = structsFor('modern').Instrument;
  const buf = Buffer.alloc(s.size);
  // 螺纹钢 in GBK.
  Buffer.from([0xc2, 0xdd, 0xce, 0xc6, 0xb8, 0xd6]).copy(buf, s.offsetOf('InstrumentName'));
  assert.is(s.read(buf).InstrumentName, '螺纹钢');
  const req = structsFor('legacy').ReqAuthenticate.write({ BrokerID: '0123456789ABCDEF' }, 128);
  assert.is(req.length, 128);
  assert.is(req.toString('latin1', 0, 11), '0123456789\0');
  assert.throws(() => structsFor('legacy').ReqAuthenticate.write({ Nope: 'x' }), /no field Nope/);
});

test.run();
