// The binding's TORA struct layouts: koffi's sizes and offsets must equal g++'s for the same declarations
// (both releases, trader and XMd namespaces), and the fields vnt relies on must sit where the documented
// 4.1.6 / XMd 1.0.9 layouts put them (reference/vendor-structs.md, "TORA stock trader" and "TORA XMd").
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cppLayoutProgram, type StructSet } from '../../../bindings/native/structs.js';
import { runCppProgram } from '../../../bindings/native/sim-build.js';
import { cppStructName, mdStructs, traderStructs, type Generation } from '../../../bindings/tora/structs.js';

const buildDir = path.resolve('test/gateways/tora/build');

async function gccLayout(set: StructSet<string>, name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const stdout = await runCppProgram(cppLayoutProgram(set, cppStructName), buildDir, name);
  for (const line of stdout.trim().split('\n')) {
    const [k, v] = line.split(' ') as [string, string];
    out[k] = Number(v);
  }
  return out;
}

for (const gen of ['4.0', '4.1'] as const satisfies readonly Generation[]) {
  for (const [api, set] of [
    ['trader', traderStructs(gen)],
    ['xmd', mdStructs(gen)],
  ] as const) {
    test(`${gen} ${api}: koffi sizes and offsets equal g++'s`, async () => {
      const s = set as unknown as StructSet<string>;
      const gcc = await gccLayout(s, `layout-${api}-${gen}`);
      let checked = 0;
      for (const st of Object.values(s)) {
        assert.is(st.size, gcc[`${st.name}.size`], `${st.name} size`);
        for (const f of st.fields) {
          assert.is(st.offsetOf(f.name), gcc[`${st.name}.${f.name}`], `${st.name}.${f.name}`);
          checked++;
        }
      }
      assert.ok(checked > (api === 'trader' ? 300 : 80), `only ${checked} fields checked`);
    });
  }
}

test('documented 4.1.6 trader and XMd 1.0.9 sizes and offsets', () => {
  const t = traderStructs('4.1');
  const sizes: [keyof typeof t, number][] = [
    ['ReqUserLogin', 796],
    ['RspUserLogin', 444],
    ['RspInfo', 88],
    ['QrySecurity', 33],
    ['Security', 432],
    ['QryTradingAccount', 50],
    ['TradingAccount', 264],
    ['QryPosition', 75],
    ['Position', 424],
    ['InputOrder', 200],
    ['InputOrderAction', 108],
    ['Order', 568],
    ['Trade', 224],
  ];
  for (const [name, size] of sizes) assert.is(t[name].size, size, `${name} size`);
  const offsets: [keyof typeof t, string, number][] = [
    ['ReqUserLogin', 'Password', 38],
    ['ReqUserLogin', 'TerminalInfo', 123],
    ['ReqUserLogin', 'GwMacAddress', 772],
    ['RspUserLogin', 'FrontID', 40],
    ['RspUserLogin', 'MaxOrderRef', 48],
    ['RspUserLogin', 'TradingDay', 110],
    ['Security', 'PriceTick', 320],
    ['Security', 'SecurityStatus', 352],
    ['Security', 'DayTrading', 424],
    ['TradingAccount', 'UsefulMoney', 48],
    ['TradingAccount', 'FrozenCash', 96],
    ['Position', 'HistoryPos', 168],
    ['Position', 'CurrentPosition', 224],
    ['Position', 'TodayTotalCloseVolume', 420],
    ['InputOrder', 'LimitPrice', 80],
    ['InputOrder', 'OrderRef', 96],
    ['InputOrder', 'IInfo', 196],
    ['InputOrderAction', 'OrderSysID', 20],
    ['InputOrderAction', 'IInfo', 104],
    ['Order', 'OrderRef', 156],
    ['Order', 'StatusMsg', 196],
    ['Order', 'Turnover', 416],
    ['Order', 'AcceptTimeStamp', 560],
    ['Trade', 'Price', 144],
    ['Trade', 'OrderRef', 196],
  ];
  for (const [name, field, off] of offsets) assert.is(t[name].offsetOf(field), off, `${name}.${field}`);
  const m = mdStructs('4.1');
  assert.is(m.MarketData.size, 496);
  assert.is(m.SpecificSecurity.size, 32);
  assert.is(m.MarketData.offsetOf('Volume'), 144);
  assert.is(m.MarketData.offsetOf('BidVolume1'), 264);
  assert.is(m.MarketData.offsetOf('AskVolume5'), 400);
  assert.is(m.MarketData.offsetOf('UpdateTime'), 408);
  assert.is(m.MarketData.offsetOf('ETFRedCount'), 488);
});

test('4.0.8 structs end where 4.1.6 appended fields: reading one never runs past the older struct', () => {
  const old = traderStructs('4.0');
  const now = traderStructs('4.1');
  for (const name of Object.keys(now) as (keyof typeof now)[]) {
    const a = old[name].fields.map((f) => f.name);
    const b = now[name].fields.map((f) => f.name);
    assert.equal(b.slice(0, a.length), a, `${name}: 4.1 starts with 4.0's fields`);
    assert.ok(old[name].size <= now[name].size, `${name}: 4.0 no larger`);
  }
  assert.is(old.Order.size, 560);
  assert.is(old.Security.size, 424);
  assert.is(mdStructs('4.0').MarketData.size, 464);
});

test('GBK names decode; requests encode NUL-terminated; a misspelt field is an error', () => {
  const s = traderStructs('4.1').Security;
  const buf = Buffer.alloc(s.size);
  // 浦发银行 in GBK.
  Buffer.from([0xc6, 0xd6, 0xb7, 0xa2, 0xd2, 0xf8, 0xd0, 0xd0]).copy(buf, s.offsetOf('SecurityName'));
  assert.is(s.read(buf).SecurityName, '浦发银行');
  const login = traderStructs('4.1').ReqUserLogin.write({ LogInAccount: 'x'.repeat(40) }, 1024);
  assert.is(login.length, 1024);
  assert.is(login[4 + 20], 0, 'LogInAccount char[21] keeps its NUL');
  assert.throws(() => traderStructs('4.1').InputOrder.write({ InstrumentID: 'x' }), /no field InstrumentID/);
});

test.run();
