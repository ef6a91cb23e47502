// Every size from the minimum up gets a layout whose parts stay on screen and do not overlap.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeLayout, type Rect } from '../../src/ui/layout.js';
import { depthBoxRows } from '../../src/ui/ticket-view.js';

const overlap = (a: Rect, b: Rect): boolean =>
  a.left < b.left + b.width &&
  b.left < a.left + a.width &&
  a.top < b.top + b.height &&
  b.top < a.top + a.height;

test('below 80x24 there is no layout (the too-small screen shows instead)', () => {
  assert.is(computeLayout(79, 24), undefined);
  assert.is(computeLayout(80, 23), undefined);
  assert.ok(computeLayout(80, 24));
});

test('from 80x24 to 250x80 every part fits between the status bar and the hint line, without overlap', () => {
  for (const depthRows of [13, depthBoxRows(10)])
    for (let w = 80; w <= 250; w += 7) {
      for (let h = 24; h <= 80; h += 5) {
        const l = computeLayout(w, h, false, depthRows)!;
        const parts = [l.form, l.depth, l.chart, l.panel];
        for (const r of parts) {
          assert.ok(
            r.top >= 1 && r.left >= 0 && r.width > 0 && r.height > 0,
            `${w}x${h} ${JSON.stringify(r)}`,
          );
          assert.ok(l.depth.height >= 13, `${w}x${h}: five levels always fit`);
          assert.ok(
            r.left + r.width <= w && r.top + r.height <= h - 1,
            `${w}x${h} ${JSON.stringify(r)} off screen`,
          );
        }
        for (let i = 0; i < parts.length; i++) {
          for (let j = i + 1; j < parts.length; j++)
            assert.not.ok(overlap(parts[i]!, parts[j]!), `${w}x${h} parts ${i},${j}`);
        }
        // The tables get at least a header and five rows inside their border.
        assert.ok(l.panel.height - 2 >= 6, `${w}x${h} panel too short`);
      }
    }
});

test('a wide terminal stacks the ticket column beside full-height tables', () => {
  const l = computeLayout(160, 48)!;
  assert.is(l.panel.top, 1);
  assert.is(l.panel.height, 46);
  assert.is(l.form.left, 0);
  assert.ok(l.panel.left >= l.form.width);
});

test('a ten-level book gets its 23 rows where the terminal has them to spare, 13 where it has not', () => {
  const ten = depthBoxRows(10);
  assert.is(ten, 23);
  assert.is(computeLayout(160, 48, false, ten)!.depth.height, ten);
  assert.is(computeLayout(120, 40, false, ten)!.depth.height, ten);
  assert.is(computeLayout(120, 40, false, ten)!.panel.height, 40 - 2 - ten);
  assert.is(computeLayout(80, 24, false, ten)!.depth.height, 13);
  assert.is(computeLayout(140, 32, false, ten)!.depth.height, 13);
  assert.is(computeLayout(160, 48)!.depth.height, 13, 'five levels: as before');
});

test.run();
