// `C`: which columns the table in view shows, and in what order. Space (or Enter) toggles the column under the
// cursor and J/K (or Shift+↓/↑) move it down/up the list (right/left in the table) at once, so the table behind
// the dialog shows the choice as it is made; every change is handed on to be saved. The last shown column
// cannot be hidden.
import type blessed from 'blessed';
import type { Key } from '../keys.js';
import { esc, paint } from '../theme.js';
import type { MouseEvent } from '../mouse.js';
import { dialogBox, isKey, pressedRow, wheelStep, type Layer, type LayerHost } from './layer.js';

export interface ColumnChooser {
  columnChoices(): { title: string; shown: boolean; index: number }[];
  setColumnShown(index: number, shown: boolean): boolean;
  moveColumn(index: number, by: -1 | 1): boolean;
}

export class ColumnsDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private selected = 0;
  private note = '';

  constructor(
    private readonly host: LayerHost,
    title: string,
    private readonly table: ColumnChooser,
    private readonly onChange: () => void,
  ) {
    const n = table.columnChoices().length;
    const screenH = (host.screen.height as number) || 24;
    this.box = dialogBox(
      host,
      `${title} columns (Space show/hide, J/K move, Esc)`,
      52,
      Math.min(screenH - 2, n + 4),
    );
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    const choices = this.table.columnChoices();
    this.note = '';
    if (isKey(key, 'escape', 'q', 'C')) this.host.close(this);
    else if (ch === 'J' || ch === 'K' || isKey(key, 'S-down', 'S-up')) {
      const by = ch === 'J' || isKey(key, 'S-down') ? 1 : -1;
      const c = choices[this.selected];
      if (c && this.table.moveColumn(c.index, by)) {
        this.selected += by;
        this.onChange();
      }
    } else if (isKey(key, 'down', 'j', 'tab')) this.selected = (this.selected + 1) % choices.length;
    else if (isKey(key, 'up', 'k', 'S-tab'))
      this.selected = (this.selected - 1 + choices.length) % choices.length;
    else if (isKey(key, 'space', 'enter', 'return') || ch === ' ') {
      const c = choices[this.selected];
      if (c && this.table.setColumnShown(c.index, !c.shown)) this.onChange();
      else if (c?.shown) this.note = 'one column stays shown';
    }
    return true;
  }

  /** A click selects a column; a click on the selected one shows or hides it, as Space does. */
  handleMouse(event: MouseEvent): void {
    const n = this.table.columnChoices().length;
    const step = wheelStep(event);
    if (step) this.selected = Math.max(0, Math.min(n - 1, this.selected + step));
    const row = pressedRow(this.box, event);
    if (row === undefined || row >= n) return;
    if (row === this.selected) this.handleKey(' ', { name: 'space', full: 'space' });
    else this.selected = row;
  }

  draw(): void {
    const lines = this.table.columnChoices().map((c, i) => {
      const line = esc(`${c.shown ? '[x]' : '[ ]'} ${c.title}`);
      return i === this.selected ? `{inverse} ${line} {/inverse}` : ` ${line}`;
    });
    const foot = this.note
      ? paint(this.note, this.host.theme.warn)
      : paint('saved in vt_setting.json', this.host.theme.muted);
    this.box.setContent([...lines, foot].join('\n'));
  }

  destroy(): void {
    this.box.destroy();
  }
}
