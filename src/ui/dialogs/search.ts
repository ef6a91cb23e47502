// `/`: fuzzy search over every contract of every connected gateway (symbol, name, pinyin, initials, gateway); Enter hands the pick to the app (which
// subscribes and loads the ticket).
import type blessed from 'blessed';
import type { MainEngine } from '../../core/engine.js';
import { label } from '../../core/labels.js';
import type { ContractData } from '../../core/object.js';
import { searchContracts } from '../fuzzy.js';
import type { PinyinIndex } from '../pinyin.js';
import { LineInput, type Key } from '../keys.js';
import { fit } from '../text.js';
import { esc, paint } from '../theme.js';
import type { MouseEvent } from '../mouse.js';
import { dialogBox, isKey, pressedRow, wheelStep, type Layer, type LayerHost } from './layer.js';

export class SearchDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private readonly input = new LineInput();
  private results: ContractData[] = [];
  private selected = 0;
  private lastQuery: string | undefined;
  /** The result on the first result line, as last drawn. */
  private firstShown = 0;

  constructor(
    private readonly host: LayerHost,
    private readonly mainEngine: MainEngine,
    private readonly pinyin: PinyinIndex,
    private readonly onPick: (contract: ContractData) => void,
  ) {
    this.box = dialogBox(host, 'Search contracts (Enter loads, Esc closes)', '90%', '80%');
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (isKey(key, 'escape')) {
      this.host.close(this);
    } else if (isKey(key, 'enter', 'return')) {
      // Keys typed faster than a frame (a paste, a script) have not been searched for yet.
      this.refresh();
      const pick = this.results[this.selected];
      if (pick) {
        this.host.close(this);
        this.onPick(pick);
      }
    } else if (isKey(key, 'down', 'C-n', 'tab')) {
      this.selected = Math.min(this.results.length - 1, this.selected + 1);
    } else if (isKey(key, 'up', 'C-p', 'S-tab')) {
      this.selected = Math.max(0, this.selected - 1);
    } else {
      this.input.handle(ch, key);
    }
    return true;
  }

  /** A click selects a result; a click on the selected one loads it, as Enter does. The wheel moves the selection. */
  handleMouse(event: MouseEvent): void {
    const step = wheelStep(event);
    if (step) this.selected = Math.max(0, Math.min(this.results.length - 1, this.selected + step));
    const row = pressedRow(this.box, event);
    // Line 0 is the query and line 1 the header.
    if (row === undefined || row < 2) return;
    const i = this.firstShown + row - 2;
    if (i >= this.results.length) return;
    if (i === this.selected) this.handleKey(undefined, { name: 'enter', full: 'enter' });
    else this.selected = i;
  }

  private refresh(): void {
    if (this.input.value === this.lastQuery) return;
    this.lastQuery = this.input.value;
    this.results = searchContracts(this.input.value, this.mainEngine.getAllContracts(), 200, this.pinyin);
    this.selected = 0;
  }

  draw(): void {
    const th = this.host.theme;
    const inner = Math.max(20, (this.box.width as number) - 2);
    const rows = Math.max(1, (this.box.height as number) - 4);
    this.refresh();
    const nameW = Math.max(8, Math.min(20, inner - 46));
    const header = paint(
      `{bold}${fit('Symbol', 16)} ${fit('Name', nameW)} ${fit('Exch', 6)} ${fit('Product', 8)} ${fit('Tick', 7, 'right')} Gateway{/bold}`,
      th.header,
    );
    const start = Math.max(0, this.selected - rows + 1);
    this.firstShown = start;
    const lines = this.results.slice(start, start + rows).map((c, i) => {
      const line = esc(
        `${fit(c.vtSymbol, 16)} ${fit(c.name, nameW)} ${fit(c.exchange, 6)} ${fit(label('Product', c.product), 8)} ${fit(String(c.pricetick), 7, 'right')} ${c.gatewayName}`,
      );
      return start + i === this.selected ? `{inverse}${line}{/inverse}` : line;
    });
    const total = this.mainEngine.getAllContracts().length;
    const status =
      total === 0
        ? paint('no contracts yet: connect a gateway first (:connect)', th.warn)
        : paint(`${this.results.length} of ${total} contracts`, th.muted);
    this.box.setContent(
      [`/ ${this.input.render(true)}`, header, ...lines, ...(lines.length < rows ? [status] : [])].join('\n'),
    );
  }

  destroy(): void {
    this.box.destroy();
  }
}
