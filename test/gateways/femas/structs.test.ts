// FEMAS's struct layout: koffi's sizes and offsets equal g++'s for the same declarations, and every field
// sits at the offset of the public FEMAS 1.0 header's layout with the header's full size (fixture re-typed
// from it, source in the fixture).
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  femasCppDeclarations,
  femasStructName,
  femasStructs,
  type FemasStructName,
} from '../../../bindings/femas/structs.js';
import { structsFor } from '../../../bindings/ctp/structs.js';
import { gccLayout } from '../../helpers/cpp-layout.js';
import { FEMAS_BUILD_DIR } from './sim.js';

const femas = femasStructs();
const documented = JSON.parse(fs.readFileSync('test/fixtures/femas/struct-layout-1.0.json', 'utf8')) as {
  structs: Record<string, { size: number; offsets: Record<string, number> }>;
};

test("koffi sizes and offsets equal g++'s", async () => {
  const gcc = await gccLayout(
    femasCppDeclarations(),
    Object.values(femas),
    (n) => femasStructName(n as FemasStructName),
    FEMAS_BUILD_DIR,
    'femas',
  );
  let checked = 0;
  for (const s of Object.values(femas)) {
    assert.is(s.size, gcc[`${s.name}.size`], `${s.name} size`);
    for (const f of s.fields) {
      assert.is(s.offsetOf(f.name), gcc[`${s.name}.${f.name}`], `${s.name}.${f.name}`);
      checked++;
    }
  }
  assert.ok(checked >= 300, `only ${checked} fields checked`);
});

test('every documented struct: each field at the FEMAS 1.0 offset, full size', () => {
  let checked = 0;
  for (const [name, doc] of Object.entries(documented.structs)) {
    const s = femas[name as FemasStructName];
    assert.ok(s, `${name} is declared`);
    assert.is(s.size, doc.size, `${name} size`);
    assert.equal(
      s.fields.map((f) => f.name),
      Object.keys(doc.offsets),
      `${name} declares the header's fields in order`,
    );
    for (const [field, offset] of Object.entries(doc.offsets)) {
      assert.is(s.offsetOf(field), offset, `${name}.${field}`);
      checked++;
    }
  }
  assert.ok(checked >= 300, `only ${checked} fields checked`);
  // Requests declared up to the fields vnt sets: later releases appended fields after them.
  assert.is(femas.QryOrder.offsetOf('InstrumentID'), 88);
  assert.is(femas.DSUserInfo.size, 49);
});

test('FEMAS is not CTP: the same names sit elsewhere', () => {
  assert.is(femas.InputOrder.offsetOf('InstrumentID'), 92);
  assert.is.not(structsFor('modern').InputOrder.offsetOf('InstrumentID'), 92);
  assert.is.not(structsFor('mini').InputOrder.offsetOf('InstrumentID'), 92);
  assert.is(femas.Order.offsetOf('UserOrderLocalID'), 123);
  assert.is(femas.DepthMarketData.offsetOf('InstrumentID'), 308);
});

test('GBK text decodes; requests are NUL-terminated within their field', () => {
  const buf = Buffer.alloc(femas.RspInfo.size);
  buf.writeInt32LE(27, 0);
  Buffer.from([0xd6, 0xd8, 0xb8, 0xb4]).copy(buf, 4); // 重复 in GBK
  assert.equal(femas.RspInfo.read(buf), { ErrorID: 27, ErrorMsg: '重复' });
  const req = femas.OrderAction.write({ UserOrderLocalID: '9'.repeat(40) });
  assert.is(req.toString('latin1', 109, 130), '9'.repeat(20) + '\0');
});

test.run();
