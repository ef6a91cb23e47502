// `?`: every key the console understands, scrollable so that it fits an 80x24 terminal.
import blessed from 'blessed';
import type { Key } from '../keys.js';
import { fit } from '../text.js';
import { bold, esc, paint } from '../theme.js';
import type { MouseEvent } from '../mouse.js';
import { dialogBox, isKey, wheelScroll, type Layer, type LayerHost } from './layer.js';

export const KEY_HELP: readonly [string, string][] = [
  ['Global', ''],
  ['?', 'this help'],
  [':', 'command palette (connect, buy, sell, cancel, theme, quit…)'],
  ['/', 'search contracts (symbol, name, pinyin or initials: payh, exchange, gateway); Enter loads it'],
  ['Tab / S-Tab', 'move focus: tables ↔ ticket'],
  ['1 … 7', 'tabs: ticks active orders trades positions accounts log'],
  ['[ / ]', 'previous / next tab'],
  ['c', 'connect a gateway (form)'],
  ['X', 'cancel all active orders (asks first)'],
  ['D', 'depth: next page of levels where not all fit (1-5 ↔ 6-10 at 80x24; the title says which)'],
  ['q, C-c', 'quit (asks first when orders are active)'],
  ['Esc', 'close a dialog; leave the ticket'],
  ['Tables', ''],
  ['↑ ↓ / k j', 'move the selection'],
  ['PgUp PgDn', 'page up / down'],
  ['g G Home End', 'first / last row'],
  ['Enter', 'tick row: load the ticket; position: pre-fill its close'],
  ['x', 'cancel the selected order (active and orders tabs)'],
  ['/ or f', 'filter the rows of this table as you type (Enter keeps, Esc drops; / on ticks searches)'],
  ['s / S', 'sort by the next column / reverse the sort'],
  ['C', 'choose the columns of this table (Space shows/hides, J/K move; saved for the next start)'],
  ['F / R', 'flatten / reverse the selected position (asks first; :flatten all [gateway])'],
  ['a', 'amend the selected order (price, volume)'],
  ['i', 'the selected row whole; on a tick row the contract info (:info <vtSymbol> [gateway])'],
  ['L', 'price ladder of the loaded contract (or the selected tick row)'],
  ['K', 'candle chart of the selected tick row (or the loaded contract; :chart <vtSymbol> [gateway])'],
  ['Chart', ''],
  ['m h d w', 'bars of 1 minute / 1 hour / 1 day / 1 week'],
  ['← → PgUp PgDn', 'back / forth by a bar / a screenful; Home oldest (loads earlier bars), End latest'],
  ['Esc', 'back to the tables'],
  ['Ladder', ''],
  ['↑ ↓ / k j', 'cursor to the next price level above / below (book, last, own orders)'],
  ['+ - / PgUp PgDn', 'cursor one tick / one page up or down; l or . back to the last price'],
  ['b / s', 'buy / sell a limit at the cursor (asks first)'],
  ['B / S', 'buy at the best ask / sell at the best bid (asks first)'],
  ['1 … 6', 'volume presets: 1 2 5 10 20 50 × the minimum volume'],
  ['x / X', 'cancel own orders at the cursor / every order of the contract'],
  ['F / R', "flatten / reverse the contract's position (asks first)"],
  ['Esc', 'back to the tables'],
  ['Ticket', ''],
  ['↑ ↓', 'previous / next field'],
  ['← → Space', 'change a choice (gateway, direction, offset, type)'],
  ['Enter', 'on symbol: load the contract; elsewhere: send the order'],
  ['digits', 'typing a price stops it following the last price'],
  ['+ / -', "price one tick up / down (the tick of the contract's price band; not on the symbol)"],
  ['C-f', 'the price follows the last price again'],
  [':whatif', "this order's margin and commission, asked, not sent (IB)"],
  ['C-u', 'clear the field (any text input)'],
  ['Dialogs', ''],
  ['↑ ↓ Tab', 'move between fields or results'],
  ['Enter', 'confirm / connect / pick'],
  ['Space', 'toggle a yes/no field; ← → change a choice'],
  ['Mouse', ''],
  ['click', 'a tab; a row (twice: Enter); a depth/ladder price → ticket'],
  ['wheel', 'moves the selection; scrolls help, details, the chart'],
  ['ui.mouse', 'false (or :mouse off): the terminal selects text'],
];

export class HelpDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;

  constructor(private readonly host: LayerHost) {
    this.box = dialogBox(host, 'Keys (Esc closes, ↑↓ scroll)', 76, '90%', {
      scrollable: true,
      // Without this blessed moves an invisible cursor down the visible lines before it scrolls at all.
      alwaysScroll: true,
    });
    const lines = KEY_HELP.map(([k, what]) =>
      what
        ? `  ${paint(esc(fit(k, 13)), host.theme.accent)} ${esc(what)}`
        : bold(paint(esc(k), host.theme.header)),
    );
    this.box.setContent(lines.join('\n'));
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (isKey(key, 'escape', 'q') || ch === '?') {
      this.host.close(this);
    } else if (isKey(key, 'down', 'j')) this.box.scroll(1);
    else if (isKey(key, 'up', 'k')) this.box.scroll(-1);
    else if (isKey(key, 'pagedown')) this.box.scroll((this.box.height as number) - 3);
    else if (isKey(key, 'pageup')) this.box.scroll(-((this.box.height as number) - 3));
    return true;
  }

  handleMouse(event: MouseEvent): void {
    wheelScroll(this.box, event);
  }

  draw(): void {}

  destroy(): void {
    this.box.destroy();
  }
}
