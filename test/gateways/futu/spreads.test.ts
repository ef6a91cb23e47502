// HKEX's spread table, checked band by band against the published tables: Part A as in HKEX's circular of
// 18 July 2006 ("Reduction of Minimum Trading Spreads", revised spreads column), Phase 1 from 4 August 2025 and
// Phase 2 as on HKEX's "Reduction of Minimum Spreads" page ($10–$20 0.01, $20–$50 0.02; $0.50–$10 0.005).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Exchange, Product } from '../../../src/core/constant.js';
import { isMultipleOf, priceDecimals, priceTickAt } from '../../../src/core/validate.js';
import {
  checkHkPrice,
  priceBandsFor,
  toPriceBands,
  HKEX_2025,
  HKEX_2026,
  HKEX_PART_A,
  stepAt,
  tableFor,
  type SpreadTable,
} from '../../../gateways/futu/spreads.js';
import { US_EQUITY_PRICE_BANDS } from '../../../gateways/common/price-bands.js';

// [from (exclusive, but 0.01 inclusive), to (inclusive), step], re-typed from the documents named above.
const PART_A: Array<[number, number, number]> = [
  [0.01, 0.25, 0.001],
  [0.25, 0.5, 0.005],
  [0.5, 10, 0.01],
  [10, 20, 0.02],
  [20, 100, 0.05],
  [100, 200, 0.1],
  [200, 500, 0.2],
  [500, 1000, 0.5],
  [1000, 2000, 1],
  [2000, 5000, 2],
  [5000, 9995, 5],
];
const PHASE_1 = PART_A.flatMap(([lo, hi, step]): Array<[number, number, number]> =>
  lo === 10
    ? [[10, 20, 0.01]]
    : lo === 20
      ? [
          [20, 50, 0.02],
          [50, 100, 0.05],
        ]
      : [[lo, hi, step]],
);
const PHASE_2 = PHASE_1.map(([lo, hi, step]): [number, number, number] =>
  lo === 0.5 ? [lo, hi, 0.005] : [lo, hi, step],
);

function checkBands(table: SpreadTable, bands: Array<[number, number, number]>): void {
  for (const [lo, hi, step] of bands) {
    assert.is(stepAt(hi, table), step, `the step at ${hi} (a band's bound belongs to it)`);
    const inside = lo === 0.01 ? lo : lo + step;
    assert.is(stepAt(inside, table), step, `the step just inside ${lo}–${hi}`);
    assert.ok(checkHkPrice(hi, table).ok, `${hi} is legal`);
    assert.ok(checkHkPrice(lo + step, table).ok, `${lo + step} is legal`);
    const off = lo + step / 2;
    if (lo > 0.01) assert.not.ok(checkHkPrice(off, table).ok, `${off} is off the ${step} step`);
  }
}

test("Part A, HKEX 2025 (phase 1) and HKEX 2026 (phase 2) have the documents' bands and steps", () => {
  checkBands(HKEX_PART_A, PART_A);
  checkBands(HKEX_2025, PHASE_1);
  checkBands(HKEX_2026, PHASE_2);
});

test('an off-tick price is refused with the step and the legal prices either side', () => {
  const r = checkHkPrice(300.1, HKEX_2025);
  assert.not.ok(r.ok);
  if (!r.ok)
    assert.match(
      r.reason,
      /not on an HKEX tick: the step there is 0.2 \(nearest legal prices 300 and 300.2\)/,
    );
  const above20 = checkHkPrice(20.01, HKEX_2025);
  assert.ok(!above20.ok && /0\.02 .*20 and 20\.02/.test(above20.reason), 'just above a bound: the next band');
  assert.ok(checkHkPrice(20.01, HKEX_PART_A).ok === false);
  assert.ok(checkHkPrice(15.01, HKEX_2025).ok, '15.01 is legal since phase 1');
  assert.not.ok(checkHkPrice(15.01, HKEX_PART_A).ok, 'and was not before');
  assert.ok(checkHkPrice(5.005, HKEX_2026).ok, '5.005 legal with phase 2');
  assert.not.ok(checkHkPrice(5.005, HKEX_2025).ok, 'not with phase 1');
});

test('float noise is rounded off; prices outside 0.01–9995 are refused', () => {
  const r = checkHkPrice(380.20000000000005, HKEX_2025);
  assert.ok(r.ok && r.price === 380.2);
  const s = checkHkPrice(0.1 + 0.2, HKEX_2025);
  assert.ok(s.ok && s.price === 0.3);
  for (const p of [0.005, 0, 10_000, 9996]) {
    const x = checkHkPrice(p, HKEX_2025);
    assert.ok(!x.ok && /outside HKEX's range 0.01–9995/.test(x.reason), `${p}`);
  }
});

test('ETFs and warrants keep Part A (outside the reductions); "off" checks nothing', () => {
  assert.is(tableFor('HKEX 2025', Product.ETF), HKEX_PART_A);
  assert.is(tableFor('HKEX 2026', Product.WARRANT), HKEX_PART_A);
  assert.is(tableFor('HKEX 2025', Product.EQUITY), HKEX_2025);
  assert.is(tableFor('HKEX 2026', Product.EQUITY), HKEX_2026);
  assert.is(tableFor('off', Product.EQUITY), undefined);
});

test("the core's price bands accept exactly the prices the table accepts", () => {
  for (const table of [HKEX_PART_A, HKEX_2025, HKEX_2026]) {
    const contract = { pricetick: 0.001, priceBands: toPriceBands(table) };
    // Every 0.001 up to 60 and every 0.05 above: each bound, and both sides of it, on each table.
    const prices: number[] = [];
    for (let i = 10; i <= 60_000; i++) prices.push(i / 1000);
    for (let i = 1200; i <= 199_900; i++) prices.push(i / 20);
    for (const p of prices) {
      const core = isMultipleOf(p, priceTickAt(contract, p));
      assert.is(core, checkHkPrice(p, table).ok, `${p}: the bands say ${core ? 'legal' : 'off tick'}`);
    }
  }
});

test('HK contracts carry their table as bands, US ones sub-penny below $1, others none', () => {
  assert.equal(priceBandsFor(Exchange.SEHK, Product.EQUITY, 'HKEX 2026'), toPriceBands(HKEX_2026));
  assert.equal(priceBandsFor(Exchange.SEHK, Product.ETF, 'HKEX 2026'), toPriceBands(HKEX_PART_A));
  assert.is(priceBandsFor(Exchange.SEHK, Product.EQUITY, 'off'), undefined);
  assert.is(priceBandsFor(Exchange.SSE, Product.EQUITY, 'HKEX 2025'), undefined);
  const us = { pricetick: 0.01, priceBands: priceBandsFor(Exchange.SMART, Product.EQUITY, 'off') };
  assert.is(us.priceBands, US_EQUITY_PRICE_BANDS);
  assert.ok(isMultipleOf(0.5012, priceTickAt(us, 0.5012)), '0.5012 is legal below $1');
  assert.not.ok(isMultipleOf(1.005, priceTickAt(us, 1.005)), '1.005 is not from $1');
  assert.is(priceDecimals(us, 0.5012), 4);
  assert.is(priceDecimals(us, 190.12), 2);
});

test.run();
