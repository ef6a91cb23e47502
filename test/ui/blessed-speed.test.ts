// The faster tag parser and the kept line attributes (blessed-speed.ts) give what blessed's own give: on the
// tags the console writes (its themes' colours, bold, inverse, escaped braces from data), on blessed's odd
// cases (unknown tags, {/} , {open}) and on random mixtures of them; and a box drawn with them puts the same
// cells on the screen as one drawn without.
import blessed from 'blessed';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTags, speedUpBlessed } from '../../src/ui/blessed-speed.js';
import { bold, esc, loadTheme, paint } from '../../src/ui/theme.js';
import { offscreen } from '../helpers/screen.js';

interface Internals {
  _parseTags(text: string): string;
  screen: { program: { _attr(param: string, val?: boolean): string | null } };
}

// Blessed's own, taken before the faster ones are put in place.
const blessedParseTags = (blessed as unknown as { widget: { Element: { prototype: Internals } } }).widget
  .Element.prototype._parseTags;

const screen = offscreen(120, 40);
const box = blessed.box({ parent: screen, tags: true }) as unknown as Internals;
const program = box.screen.program;
const original = (text: string): string => blessedParseTags.call(box, text);

const samples: string[] = [];
for (const name of ['dark', 'light', 'high-contrast', 'mono']) {
  const theme = loadTheme(name);
  for (const colour of Object.values(theme)) {
    if (typeof colour !== 'string') continue;
    samples.push(paint(esc('IF2501 {x} 3,512.4'), colour), bold(paint('▲ 12', colour)));
    samples.push(`{inverse}${paint('a', colour)} ${paint(bold('b'), colour)}{/inverse}`);
  }
}
samples.push(
  '',
  'no tags at all',
  '{bold}{red-fg}nested{/red-fg} still bold{/bold}',
  '{red-fg}{green-fg}inner{/green-fg} outer{/red-fg} plain',
  '{#5f87af-fg}hex{/#5f87af-fg}{#fff-bg}short{/#fff-bg}',
  '{bright-green-fg}bright{/bright-green-fg}{light-red-bg}x{/light-red-bg}',
  '{red-fg,bold}list{/red-fg,bold}',
  '{unknown}kept{/unknown} {} {/} after reset {/bold}',
  '{open}braces{close} {/open} {{bold}}',
  'a { b } {not a tag because of spaces}',
  '{underline}\n{/underline}line two{inverse}\nthree{/inverse}',
  '{123-fg}256{/123-fg}{1;4}raw{/1;4}',
);

test("the console's tags and blessed's odd cases parse as blessed parses them", () => {
  for (const text of samples) assert.is(parseTags(program, text), original(text), JSON.stringify(text));
});

test('random mixtures of tags and text parse as blessed parses them', () => {
  const pieces = [
    '{bold}',
    '{/bold}',
    '{red-fg}',
    '{/red-fg}',
    '{#abcdef-bg}',
    '{/#abcdef-bg}',
    '{inverse}',
    '{/inverse}',
    '{/}',
    '{}',
    '{open}',
    '{close}',
    '{nope}',
    '{/nope}',
    '{',
    '}',
    'x',
    ' ',
    '▲',
    '中',
    '\n',
    '{yellow-fg}',
  ];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2000; i++) {
    let text = '';
    for (let n = Math.floor(next() * 30); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
    assert.is(parseTags(program, text), original(text), JSON.stringify(text));
  }
});

test('a box drawn with the faster internals puts the same cells on the screen', () => {
  const content = samples.join('\n');
  const draw = (): string => {
    const s = offscreen(120, 80);
    const b = blessed.box({ parent: s, tags: true, width: 120, height: 80, content });
    s.render();
    // Twice: the second render reuses the kept attributes.
    b.setContent(content);
    s.render();
    const lines = (s as unknown as { lines: [number, string][][] }).lines;
    return JSON.stringify(lines.map((l) => l.map((c) => [c[0], c[1]])));
  };
  const before = draw();
  speedUpBlessed();
  assert.is(draw(), before);
});

test.run();
