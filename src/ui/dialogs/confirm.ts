// A yes/no question; y answers yes, n or Esc no. Enter answers yes too unless the question is `strict`
// (sending an order): a second or third Enter from a person still typing must never send anything.
import type blessed from 'blessed';
import type { Key } from '../keys.js';
import { wrap } from '../text.js';
import { esc, paint } from '../theme.js';
import { dialogBox, isKey, type Layer, type LayerHost } from './layer.js';

export interface ConfirmOptions {
  /** Only y answers yes (Enter does nothing). */
  strict?: boolean;
  /** Lines shown under the question in the warning colour (a size above the limit, a price near a limit). */
  warnings?: readonly string[];
  /** Plain lines under the question (the orders a flatten will send). */
  details?: readonly string[];
  title?: string;
}

export class ConfirmDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private readonly strict: boolean;

  constructor(
    private readonly host: LayerHost,
    question: string,
    private readonly onYes: () => void,
    options: ConfirmOptions = {},
  ) {
    this.strict = options.strict ?? false;
    const screenW = (host.screen.width as number) || 80;
    // As wide as the question or its longest warning needs, so a warning reads on one line where it fits.
    const longest = Math.max(
      question.length,
      ...(options.warnings ?? []).map((w) => w.length + 2),
      ...(options.details ?? []).map((d) => d.length + 2),
    );
    const width = Math.min(screenW - 4, 76, Math.max(30, longest + 6));
    const inner = width - 4;
    const lines = wrap(question, inner, 4).map(esc);
    for (const d of options.details ?? []) for (const l of wrap(`  ${d}`, inner, 2)) lines.push(esc(l));
    for (const w of options.warnings ?? []) {
      for (const l of wrap(`⚠ ${w}`, inner, 3)) lines.push(paint(esc(l), host.theme.warn));
    }
    lines.push(
      this.strict
        ? '{bold}y{/bold} send   {bold}n{/bold}/Esc cancel'
        : '{bold}y{/bold} yes   {bold}n{/bold}/Esc no',
    );
    this.box = dialogBox(host, options.title ?? 'Confirm', width, lines.length + 2);
    this.box.setContent(lines.map((l) => ` ${l}`).join('\n'));
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (ch === 'y' || ch === 'Y' || (!this.strict && isKey(key, 'enter', 'return'))) {
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
