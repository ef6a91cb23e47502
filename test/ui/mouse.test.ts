// The mouse's pure parts: reading SGR and X10 reports out of terminal input, and mapping a cell to an area, a
// tab of the tab bar and a table row as drawn.
import blessed from 'blessed';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { innerArea, parseMouse, pointIn, segmentAt, withoutReports } from '../../src/ui/mouse.js';
import { bodyKeyAt, DataTable } from '../../src/ui/table.js';
import { loadTheme } from '../../src/ui/theme.js';
import { offscreen } from '../helpers/screen.js';

test('SGR reports: press and release, 1-based cells read zero-based, modifiers', () => {
  const [press, release] = parseMouse('\x1b[<0;10;5M\x1b[<0;10;5m');
  assert.equal(press, {
    action: 'press',
    button: 'left',
    x: 9,
    y: 4,
    shift: false,
    meta: false,
    ctrl: false,
  });
  assert.is(release!.action, 'release');
  const [right] = parseMouse('\x1b[<2;1;1M');
  assert.is(right!.button, 'right');
  assert.is(right!.x, 0);
  const [ctrlShift] = parseMouse('\x1b[<20;3;3M');
  assert.ok(ctrlShift!.ctrl && ctrlShift!.shift && !ctrlShift!.meta);
  // Wide terminals: SGR has no 223-column limit.
  assert.is(parseMouse('\x1b[<0;300;90M')[0]!.x, 299);
});

test('SGR wheel and motion; several reports in one chunk are all read', () => {
  const events = parseMouse('\x1b[<64;5;5M\x1b[<65;5;6M\x1b[<32;7;7M\x1b[<35;8;8M');
  assert.equal(
    events.map((e) => e.action),
    ['wheelup', 'wheeldown', 'move', 'move'],
  );
  assert.is(events[1]!.y, 5);
  assert.is(events[0]!.button, 'none');
});

test('X10 reports (a terminal without SGR): bytes of 32 + button, column, row', () => {
  const x10 = (b: number, x: number, y: number) =>
    `\x1b[M${String.fromCharCode(32 + b)}${String.fromCharCode(32 + x)}${String.fromCharCode(32 + y)}`;
  assert.equal(
    parseMouse(x10(0, 10, 5) + x10(3, 10, 5) + x10(64, 1, 1) + x10(65, 1, 1)).map((e) => [
      e.action,
      e.x,
      e.y,
    ]),
    [
      ['press', 9, 4],
      ['release', 9, 4],
      ['wheelup', 0, 0],
      ['wheeldown', 0, 0],
    ],
  );
});

test('anything that is not a whole report is skipped, never a position', () => {
  assert.equal(parseMouse(''), []);
  assert.equal(parseMouse('abc\x1b[A\x1b[<0;;M\x1b[<0;5M'), []);
  // A cell 0 (an X10 byte of 32, or SGR 0) is not on the screen.
  assert.equal(parseMouse('\x1b[<0;0;3M'), []);
  assert.equal(parseMouse('\x1b[M   '), []);
  assert.is(parseMouse('j\x1b[<0;2;2Mk')[0]!.x, 1);
});

test('withoutReports: the keys typed in the same chunk as reports, in order', () => {
  assert.is(withoutReports('j\x1b[<0;2;2M\x1b[<0;2;2mk\r'), 'jk\r');
  assert.is(withoutReports('\x1b[<64;5;5M'), '');
  assert.is(withoutReports('\x1b[A\x1b[M !!x'), '\x1b[Ax');
  assert.is(withoutReports('plain'), 'plain');
});

test('pointIn: cells inside an area, counted from its corner; the border is outside innerArea', () => {
  const box = { top: 14, left: 0, width: 80, height: 9 };
  assert.equal(pointIn(box, 0, 14), { row: 0, col: 0 });
  assert.equal(pointIn(box, 79, 22), { row: 8, col: 79 });
  assert.is(pointIn(box, 80, 14), undefined);
  assert.is(pointIn(box, 5, 23), undefined);
  assert.is(pointIn(box, 5, 13), undefined);
  const inner = innerArea(box);
  assert.is(pointIn(inner, 0, 15), undefined, 'the left border');
  assert.equal(pointIn(inner, 1, 15), { row: 0, col: 0 });
  assert.is(pointIn(inner, 5, 22), undefined, 'the bottom border');
  assert.equal(innerArea({ top: 0, left: 0, width: 1, height: 1 }), { top: 1, left: 1, width: 0, height: 0 });
});

test('segmentAt: which tab of a bar holds a column, by display width', () => {
  const tabs = [' 1 Ticks ', ' 2 Active(3) ', ' 7 Log '];
  assert.is(segmentAt(tabs, 0), 0);
  assert.is(segmentAt(tabs, 8), 0);
  assert.is(segmentAt(tabs, 9), 1);
  assert.is(segmentAt(tabs, 21), 1);
  assert.is(segmentAt(tabs, 22), 2);
  assert.is(segmentAt(tabs, 28), 2);
  assert.is(segmentAt(tabs, 29), undefined, 'past the last tab');
  assert.is(segmentAt(tabs, -1), undefined, 'the border before the bar');
  assert.is(segmentAt([' 行情 ', ' x '], 4), 0, 'a Chinese title is two cells a character');
  assert.is(segmentAt([' 行情 ', ' x '], 6), 1);
});

test('bodyKeyAt: line 0 is the header, then the rows drawn', () => {
  assert.is(bodyKeyAt(['a', 'b'], 0), undefined);
  assert.is(bodyKeyAt(['a', 'b'], 1), 'a');
  assert.is(bodyKeyAt(['a', 'b'], 2), 'b');
  assert.is(bodyKeyAt(['a', 'b'], 3), undefined);
});

interface Row {
  id: string;
}

function table(screen: blessed.Widgets.Screen, n: number, height: number): DataTable<Row> {
  const t = new DataTable<Row>({
    parent: screen,
    columns: [{ title: 'Id', width: 6, text: (r) => r.id }],
    keyOf: (r) => r.id,
    theme: loadTheme('mono'),
  });
  t.box.width = 20;
  t.box.height = height;
  for (let i = 0; i < n; i++) t.upsert({ id: `r${i}` });
  t.draw();
  return t;
}

test('clickLine selects the row drawn on that line, also when scrolled; again on the selected one', () => {
  const screen = offscreen(40, 20);
  try {
    const t = table(screen, 10, 5);
    assert.is(t.clickLine(0), undefined, 'the header');
    assert.is(t.clickLine(2), 'selected');
    assert.is(t.selected()!.id, 'r1');
    assert.is(t.clickLine(2), 'again');
    // Scrolled to the end: the body shows r6…r9, so line 1 is r6.
    t.end();
    t.draw();
    assert.is(t.clickLine(1), 'selected');
    assert.is(t.selected()!.id, 'r6');
    assert.is(t.clickLine(5), undefined, 'below the body');
    // A short table: lines under its last row select nothing.
    const short = table(screen, 2, 8);
    assert.is(short.clickLine(3), undefined);
    assert.is(short.selected()!.id, 'r0');
  } finally {
    screen.destroy();
  }
});

test('clickLine acts on what was drawn: a row arriving on top since the last frame does not shift the click', () => {
  const screen = offscreen(40, 20);
  try {
    const t = new DataTable<Row>({
      parent: screen,
      columns: [{ title: 'Id', width: 6, text: (r) => r.id }],
      keyOf: (r) => r.id,
      newestFirst: true,
      theme: loadTheme('mono'),
    });
    t.box.width = 20;
    t.box.height = 6;
    for (const id of ['a', 'b', 'c']) t.upsert({ id });
    t.draw();
    t.upsert({ id: 'd' });
    assert.is(t.clickLine(2), 'selected');
    assert.is(t.selected()!.id, 'b', 'the row the person saw on line 2');
    t.remove('a');
    assert.is(t.clickLine(3), undefined, 'a row gone since the frame');
  } finally {
    screen.destroy();
  }
});

test.run();
