// A yes/no question; y or Enter answers yes, n or Esc no.
import type blessed from 'blessed';
import type { Key } from '../keys.js';
import { esc } from '../theme.js';
import { dialogBox, isKey, type Layer, type LayerHost } from './layer.js';

export class ConfirmDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;

  constructor(
    private readonly host: LayerHost,
    question: string,
    private readonly onYes: () => void,
  ) {
    this.box = dialogBox(host, 'Confirm', Math.min(70, Math.max(30, question.length + 6)), 5);
    this.box.setContent(`${esc(question)}\n{bold}y{/bold} yes   {bold}n{/bold}/Esc no`);
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (ch === 'y' || ch === 'Y' || isKey(key, 'enter', 'return')) {
      this.host.close(this);
      this.onYes();
    } else if (ch === 'n' || ch === 'N' || isKey(key, 'escape', 'q')) {
      this.host.close(this);
    }
    return true;
  }

  draw(): void {}

  destroy(): void {
    this.box.destroy();
  }
}
