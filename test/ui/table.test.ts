// The table widget pads by display width: a row holding '螺纹钢' must line up with one holding 'IF'.
import blessed from 'blessed';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DataTable, type Column } from '../../src/ui/table.js';
import { displayWidth, fit, truncate } from '../../src/ui/text.js';
import { loadTheme } from '../../src/ui/theme.js';
import { offscreen } from '../helpers/screen.js';

test('displayWidth counts a CJK character as two cells and ASCII as one', () => {
  assert.is(displayWidth('rb2501'), 6);
  assert.is(displayWidth('螺纹钢2501'), 10);
  assert.is(displayWidth('沪深300指数'), 11);
  assert.is(displayWidth(''), 0);
});

test('fit pads and truncates by display width, on either side', () => {
  assert.is(fit('螺纹钢', 8), '螺纹钢  ');
  assert.is(displayWidth(fit('螺纹钢', 8)), 8);
  assert.is(fit('3850', 8, 'right'), '    3850');
  assert.is(fit('沪深300指数2501', 8), '沪深300…');
  assert.is(displayWidth(fit('沪深300指数2501', 8)), 8);
  // A wide character that would straddle the edge is dropped, and the gap padded.
  assert.is(truncate('螺纹钢螺纹钢', 6), '螺纹… ');
  assert.is(displayWidth(truncate('螺纹钢螺纹钢', 6)), 6);
  assert.is(fit('abc', 0), '');
});

interface Row {
  id: string;
  name: string;
  price: number;
}

const columns: Column<Row>[] = [
  { title: 'Id', width: 4, text: (r) => r.id },
  { title: 'Name', width: 8, text: (r) => r.name },
  { title: 'Price', width: 7, align: 'right', text: (r) => r.price.toFixed(1) },
];

function withScreen(fn: (screen: blessed.Widgets.Screen) => void): void {
  const screen = offscreen(60, 20);
  try {
    fn(screen);
  } finally {
    screen.destroy();
  }
}

function makeTable(
  screen: blessed.Widgets.Screen,
  extra: { newestFirst?: boolean; maxRows?: number } = {},
): DataTable<Row> {
  return new DataTable<Row>({
    parent: screen,
    columns,
    keyOf: (r) => r.id,
    theme: loadTheme('mono'),
    ...extra,
  });
}

function plainLines<T>(table: DataTable<T>): string[] {
  // eslint-disable-next-line no-control-regex
  // blessed hands back its parsed form: SGR codes for the tags, and \x03 after each wide character.
  return table.box
    .getContent()
    .split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;]*m|\x03/g, ''));
}

/** Display column at which each character of needle starts in line. */
function columnOf(line: string, needle: string): number {
  return displayWidth(line.slice(0, line.indexOf(needle)));
}

test('columns line up by display width when names mix Chinese and ASCII', () => {
  withScreen((screen) => {
    const table = makeTable(screen);
    table.box.width = 40;
    table.box.height = 6;
    table.upsert({ id: 'a', name: '螺纹钢', price: 3850 });
    table.upsert({ id: 'b', name: 'IF', price: 3920.4 });
    table.upsert({ id: 'c', name: '沪深300指数2501', price: 1.5 });
    assert.ok(table.draw());
    const lines = plainLines(table);
    assert.is(lines.length, 4);
    const priceColumns = [
      columnOf(lines[1]!, '3850.0'),
      columnOf(lines[2]!, '3920.4'),
      columnOf(lines[3]!, '1.5'),
    ];
    // Right-aligned prices end at the same cell: Id(4) + 1 + Name(8) + 1 + Price(7) = 21.
    assert.equal(
      priceColumns.map((c, i) => c + ['3850.0', '3920.4', '1.5'][i]!.length),
      [21, 21, 21],
    );
    for (const line of lines) assert.is(displayWidth(line), 21, line);
  });
});

test('an update rewrites its row in place and the selection follows its key, not its index', () => {
  withScreen((screen) => {
    const table = makeTable(screen, { newestFirst: true });
    table.box.width = 40;
    table.box.height = 6;
    table.upsert({ id: 'a', name: 'x', price: 1 });
    table.upsert({ id: 'b', name: 'y', price: 2 });
    table.draw();
    table.move(1); // from b (top) to a
    assert.is(table.selected()?.id, 'a');
    table.upsert({ id: 'c', name: 'z', price: 3 }); // inserted on top: a moves down a row
    table.upsert({ id: 'a', name: 'x', price: 9 });
    table.draw();
    assert.is(table.selected()?.id, 'a');
    assert.is(table.selected()?.price, 9);
    assert.equal(
      table.all().map((r) => r.id),
      ['c', 'b', 'a'],
    );
    assert.not.ok(table.draw(), 'nothing changed, nothing redrawn');
  });
});

test('a bounded table drops its oldest rows', () => {
  withScreen((screen) => {
    const table = makeTable(screen, { newestFirst: true, maxRows: 3 });
    for (let i = 0; i < 10; i++) table.upsert({ id: String(i), name: '', price: i });
    assert.equal(
      table.all().map((r) => r.id),
      ['9', '8', '7'],
    );
  });
});

test('columns that do not fit the width are dropped from the right, not squeezed', () => {
  withScreen((screen) => {
    const table = makeTable(screen);
    table.box.width = 15;
    table.box.height = 4;
    table.upsert({ id: 'a', name: '螺纹钢', price: 3850 });
    table.draw();
    const lines = plainLines(table);
    assert.is(lines[0]!.trimEnd(), 'Id   Name');
    assert.is(lines[1]!.trimEnd(), 'a    螺纹钢');
  });
});

test('a keep column that does not fit takes the room of a spare one to its left', () => {
  withScreen((screen) => {
    const keep: Column<Row>[] = [
      { title: 'Id', width: 4, text: (r) => r.id },
      { title: 'Name', width: 8, spare: true, text: (r) => r.name },
      { title: 'Price', width: 7, align: 'right', keep: true, text: (r) => r.price.toFixed(1) },
      { title: 'Tail', width: 4, text: () => 'x' },
    ];
    const table = new DataTable<Row>({
      parent: screen,
      columns: keep,
      keyOf: (r) => r.id,
      theme: loadTheme('mono'),
    });
    table.box.width = 15;
    table.box.height = 4;
    table.upsert({ id: 'a', name: '螺纹钢', price: 3850 });
    table.draw();
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id     Price');
    assert.is(plainLines(table)[1]!.trimEnd(), 'a     3850.0');
    // Room for all but the last: nothing gives way (the last is no keep column).
    table.box.width = 22;
    table.draw();
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id   Name       Price');
  });
});

test('an empty spare column gives way before a filled one; once filled it is a spare like the others', () => {
  withScreen((screen) => {
    type Order = { id: string; offset: string; traded: number; status: string };
    const columns: Column<Order>[] = [
      { title: 'Id', width: 4, text: (r) => r.id },
      { title: 'Offset', width: 6, spare: true, text: (r) => r.offset },
      { title: 'Traded', width: 6, spare: true, text: (r) => String(r.traded) },
      { title: 'Status', width: 6, keep: true, text: (r) => r.status },
    ];
    const table = new DataTable<Order>({
      parent: screen,
      columns,
      keyOf: (r) => r.id,
      theme: loadTheme('mono'),
    });
    table.box.width = 20;
    table.box.height = 4;
    table.upsert({ id: 'a', offset: '', traded: 1, status: 'Done' });
    table.draw();
    // Offset is empty in every row: it goes, Traded stays.
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id   Traded Status');
    assert.is(plainLines(table)[1]!.trimEnd(), 'a    1      Done');
    table.upsert({ id: 'b', offset: 'Open', traded: 0, status: 'Live' });
    table.draw();
    // Now both spares hold something: the nearer one to Status (Traded) gives way.
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id   Offset Status');
  });
});

test('a filter shows matching rows only, live; a sort orders numbers as numbers and follows updates', () => {
  withScreen((screen) => {
    const table = makeTable(screen);
    table.box.width = 40;
    table.box.height = 10;
    table.upsert({ id: 'a', name: 'rb2501', price: 9.5 });
    table.upsert({ id: 'b', name: 'au2506', price: 10 });
    table.upsert({ id: 'c', name: 'rb2505', price: 100 });
    table.setFilter('RB');
    table.draw();
    assert.equal(
      plainLines(table)
        .slice(1)
        .map((l) => l.split(' ')[0]),
      ['a', 'c'],
    );
    table.cycleSort(); // Id
    table.cycleSort(); // Name
    table.cycleSort(); // Price
    table.setFilter('');
    table.draw();
    assert.match(plainLines(table)[0]!, /Price▲/);
    assert.equal(
      plainLines(table)
        .slice(1)
        .map((l) => l.split(' ')[0]),
      ['a', 'b', 'c'],
    );
    table.reverseSort();
    table.upsert({ id: 'a', name: 'rb2501', price: 1000 });
    table.draw();
    assert.equal(
      plainLines(table)
        .slice(1)
        .map((l) => l.split(' ')[0]),
      ['a', 'c', 'b'],
    );
    // The selection never rests on a row the filter hides.
    table.setFilter('au');
    table.draw();
    assert.is(table.selected()?.id, 'b');
    table.cycleSort();
    assert.is(table.sortLabel, '', 'past the last column: arrival order again');
  });
});

test('hidden columns leave room for the next, skip sort and filter, and the last one stays', () => {
  withScreen((screen) => {
    const table = makeTable(screen);
    table.box.width = 15;
    table.box.height = 4;
    table.upsert({ id: 'a', name: 'rb2501', price: 3850 });
    table.draw();
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id   Name', 'Price does not fit at 15');
    assert.ok(table.setColumnShown(1, false));
    table.draw();
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id     Price', 'Name hidden: Price has its room');
    assert.is(plainLines(table)[1]!.trimEnd(), 'a     3850.0');
    assert.equal(table.hiddenTitles(), ['Name']);
    assert.equal(
      table.columnChoices().map((c) => c.shown),
      [true, false, true],
    );
    table.setFilter('rb');
    table.draw();
    assert.is(plainLines(table).length, 1, 'a hidden cell does not match the filter');
    table.setFilter('');
    table.cycleSort();
    table.cycleSort();
    assert.is(table.sortLabel, 'Price ▲', 'the sort steps over the hidden column');
    assert.ok(table.setColumnShown(0, false));
    assert.not.ok(table.setColumnShown(2, false), 'the last shown column stays');
    table.setHiddenTitles(['price', 'Nope']);
    assert.equal(table.hiddenTitles(), ['Price'], 'titles by any case; unknown ones ignored');
    table.draw();
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id   Name');
  });
});

test('the sort as saved: title and direction out, the same sort back; unknown or hidden titles give arrival order', () => {
  withScreen((screen) => {
    const table = makeTable(screen);
    assert.is(table.sortSetting(), '');
    table.cycleSort();
    table.cycleSort();
    assert.is(table.sortSetting(), 'Name');
    table.reverseSort();
    assert.is(table.sortSetting(), 'Name desc');
    const other = makeTable(screen);
    other.setSortSetting('name DESC');
    assert.is(other.sortLabel, 'Name ▼');
    other.setSortSetting('Price');
    assert.is(other.sortLabel, 'Price ▲');
    other.setSortSetting('Nope desc');
    assert.is(other.sortLabel, '');
    other.setColumnShown(1, false);
    other.setSortSetting('Name');
    assert.is(other.sortLabel, '', 'a hidden column does not sort');
  });
});

test('columns move left and right, sort in the order shown, and are saved and restored with their order', () => {
  withScreen((screen) => {
    const table = makeTable(screen);
    table.box.width = 30;
    table.box.height = 4;
    table.upsert({ id: 'a', name: 'rb2501', price: 3850 });
    assert.not.ok(table.moveColumn(0, -1), 'the first column cannot go further left');
    assert.ok(table.moveColumn(2, -1));
    table.draw();
    assert.is(plainLines(table)[0]!.trimEnd(), 'Id     Price Name');
    assert.is(plainLines(table)[1]!.trimEnd(), 'a     3850.0 rb2501');
    assert.equal(
      table.columnChoices().map((c) => [c.title, c.index]),
      [
        ['Id', 0],
        ['Price', 2],
        ['Name', 1],
      ],
    );
    table.cycleSort();
    table.cycleSort();
    assert.is(table.sortLabel, 'Price ▲', 'the sort steps through the columns as shown');
    assert.is(table.columnsSetting(), '+Id,+Price,+Name');
    table.setColumnShown(1, false);
    assert.is(table.columnsSetting(), '+Id,+Price,-Name');

    const other = makeTable(screen);
    other.box.width = 30;
    other.box.height = 4;
    other.setColumnsSetting('+Price, -Name, +Nope, +price');
    assert.equal(
      other.columnChoices().map((c) => `${c.shown ? '+' : '-'}${c.title}`),
      ['+Price', '-Name', '+Id'],
      'unknown and repeated titles ignored; a column not named is shown after the named ones',
    );
    other.upsert({ id: 'a', name: 'rb2501', price: 3850 });
    other.draw();
    assert.is(plainLines(other)[0]!.trimEnd(), '  Price Id');
    other.setColumnsSetting('Name');
    assert.equal(other.hiddenTitles(), ['Name'], 'the hidden titles alone, as saved before columns moved');
    assert.is(table.columnsSetting() === other.columnsSetting(), false);
    other.moveColumn(0, 1);
    other.moveColumn(0, -1);
    assert.is(other.columnsSetting(), 'Name', 'back in the original order: the short form again');
  });
});

test.run();
