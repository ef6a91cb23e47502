// `i` (or Enter on an order, trade, account or log row): every field of one row, whole, however narrow the
// table made it. Scrolls with ↑↓ j k PgUp PgDn; Esc, q or i closes. Given a function rather than a record, it
// reads the fields again every frame: what a gateway learns later (a contract's fee and margin rates, asked
// for after the contract is listed) shows up in a panel already open.
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
  private content: string;

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
    this.content = lines.join('\n');
    this.box.setContent(this.content);
  }

  private lines(): string[] {
    const data = typeof this.data === 'function' ? this.data() : this.data;
    return detailLines(data, this.width - 4).map(
      ([k, v]) => ` ${paint(esc(k), this.host.theme.muted)}  ${esc(v)}`,
    );
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
    if (typeof this.data !== 'function') return;
    // The height stays as opened (a panel that grew would jump); a longer text scrolls.
    const content = this.lines().join('\n');
    if (content !== this.content) this.box.setContent((this.content = content));
  }

  destroy(): void {
    this.box.destroy();
  }
}
