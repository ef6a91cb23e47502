// `i` (or Enter on an order, trade, account or log row): every field of one row, whole, however narrow the
// table made it. Scrolls with ↑↓ j k PgUp PgDn; Esc, q or i closes.
import blessed from 'blessed';
import type { Key } from '../keys.js';
import { fit, formatDateTime, wrap } from '../text.js';
import { esc, paint } from '../theme.js';
import type { MouseEvent } from '../mouse.js';
import { dialogBox, isKey, wheelScroll, type Layer, type LayerHost } from './layer.js';

/** Field name → value as shown: times as local date and time, numbers as they are. */
export function detailLines(data: Record<string, unknown>, width: number): [string, string][] {
  const keyW = Math.min(16, Math.max(...Object.keys(data).map((k) => k.length)));
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(data)) {
    const text =
      typeof v === 'number' && /datetime|localtime|time$/i.test(k) && v > 1e11
        ? `${formatDateTime(v)} (${v})`
        : v === null || v === undefined
          ? ''
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
    const parts = wrap(text, Math.max(10, width - keyW - 2), 20);
    out.push([fit(k, keyW), parts[0] ?? '']);
    for (const p of parts.slice(1)) out.push([' '.repeat(keyW), p]);
  }
  return out;
}

export class DetailDialog implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private readonly width: number;
  private shown = '';

  /** `data` as a function is read again at each frame: a summary of live figures stays live while open. */
  constructor(
    private readonly host: LayerHost,
    title: string,
    private readonly data: Record<string, unknown> | (() => Record<string, unknown>),
  ) {
    const screenW = (host.screen.width as number) || 80;
    this.width = Math.min(screenW - 4, 100);
    const lines = this.lines();
    const screenH = (host.screen.height as number) || 24;
    this.box = dialogBox(host, `${title} (Esc closes)`, this.width, Math.min(screenH - 2, lines.length + 2), {
      scrollable: true,
      alwaysScroll: true,
    });
    this.show(lines);
  }

  private lines(): string[] {
    const data = typeof this.data === 'function' ? this.data() : this.data;
    return detailLines(data, this.width - 4).map(
      ([k, v]) => ` ${paint(esc(k), this.host.theme.muted)}  ${esc(v)}`,
    );
  }

  private show(lines: string[]): void {
    const text = lines.join('\n');
    if (text !== this.shown) this.box.setContent(text);
    this.shown = text;
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (isKey(key, 'escape', 'q', 'i', 'enter', 'return')) this.host.close(this);
    else if (isKey(key, 'down', 'j')) this.box.scroll(1);
    else if (isKey(key, 'up', 'k')) this.box.scroll(-1);
    else if (isKey(key, 'pagedown')) this.box.scroll((this.box.height as number) - 3);
    else if (isKey(key, 'pageup')) this.box.scroll(-((this.box.height as number) - 3));
    return true;
  }

  handleMouse(event: MouseEvent): void {
    wheelScroll(this.box, event);
  }

  draw(): void {
    if (typeof this.data === 'function') this.show(this.lines());
  }

  destroy(): void {
    this.box.destroy();
  }
}
