// Pick one of a few options (which gateway to connect, which theme).
import type blessed from 'blessed';
import type { Key } from '../keys.js';
import { esc } from '../theme.js';
import type { MouseEvent } from '../mouse.js';
import { dialogBox, isKey, pressedRow, wheelStep, type Layer, type LayerHost } from './layer.js';

export class ChooseDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private selected = 0;

  constructor(
    private readonly host: LayerHost,
    title: string,
    private readonly options: readonly string[],
    private readonly onPick: (option: string) => void,
  ) {
    this.box = dialogBox(host, title, Math.max(30, title.length + 6), Math.min(options.length + 2, 20));
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (isKey(key, 'escape', 'q')) this.host.close(this);
    else if (isKey(key, 'down', 'j', 'tab')) this.selected = (this.selected + 1) % this.options.length;
    else if (isKey(key, 'up', 'k', 'S-tab'))
      this.selected = (this.selected - 1 + this.options.length) % this.options.length;
    else if (isKey(key, 'enter', 'return')) {
      const pick = this.options[this.selected];
      this.host.close(this);
      if (pick !== undefined) this.onPick(pick);
    }
    return true;
  }

  /** A click on an option picks it, as Enter on it would; the wheel moves the selection. */
  handleMouse(event: MouseEvent): void {
    const n = this.options.length;
    const step = wheelStep(event);
    if (step) this.selected = Math.max(0, Math.min(n - 1, this.selected + step));
    const row = pressedRow(this.box, event);
    const pick = row === undefined ? undefined : this.options[row];
    if (pick === undefined) return;
    this.host.close(this);
    this.onPick(pick);
  }

  draw(): void {
    this.box.setContent(
      this.options
        .map((o, i) => (i === this.selected ? `{inverse} ${esc(o)} {/inverse}` : ` ${esc(o)}`))
        .join('\n'),
    );
  }

  destroy(): void {
    this.box.destroy();
  }
}
