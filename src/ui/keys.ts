// Keys as blessed reports them, and the one-line text editor every input (ticket fields, palette, search,
// connect form) shares.
import { esc } from './theme.js';

export interface Key {
  name?: string;
  full?: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  sequence?: string;
}

/** A character the person typed (not a control, arrow or function key). */
export function typedChar(ch: string | undefined, key: Key): string | undefined {
  if (!ch || key.ctrl || key.meta) return undefined;
  if (ch.length === 1 && (ch < ' ' || ch === '\x7f')) return undefined;
  return ch;
}

export class LineInput {
  value: string;
  cursor: number;

  constructor(value = '') {
    this.value = value;
    this.cursor = value.length;
  }

  set(value: string): void {
    this.value = value;
    this.cursor = value.length;
  }

  /** Applies an editing key; true if it was one. */
  handle(ch: string | undefined, key: Key): boolean {
    const c = typedChar(ch, key);
    if (c !== undefined && key.name !== 'enter' && key.name !== 'return' && key.name !== 'tab') {
      this.value = this.value.slice(0, this.cursor) + c + this.value.slice(this.cursor);
      this.cursor += c.length;
      return true;
    }
    switch (key.full ?? key.name) {
      case 'backspace':
        if (this.cursor > 0) {
          this.value = this.value.slice(0, this.cursor - 1) + this.value.slice(this.cursor);
          this.cursor -= 1;
        }
        return true;
      case 'delete':
        this.value = this.value.slice(0, this.cursor) + this.value.slice(this.cursor + 1);
        return true;
      case 'left':
        this.cursor = Math.max(0, this.cursor - 1);
        return true;
      case 'right':
        this.cursor = Math.min(this.value.length, this.cursor + 1);
        return true;
      case 'home':
      case 'C-a':
        this.cursor = 0;
        return true;
      case 'end':
      case 'C-e':
        this.cursor = this.value.length;
        return true;
      case 'C-u':
        this.set('');
        return true;
      default:
        return false;
    }
  }

  /**
   * Tagged text with the cursor shown as an inverse cell (when focused); `mask` hides every character. Given a
   * width in cells, the text scrolls sideways so that the cursor is always inside it (a '…' marks text cut off
   * on the left), however long the line or narrow the terminal.
   */
  render(focused: boolean, mask = false, width = Infinity): string {
    let text = mask ? '•'.repeat(this.value.length) : this.value;
    let cursor = this.cursor;
    // One cell for the cursor past the end of the text.
    if (text.length + 1 > width && width >= 2) {
      const start = Math.max(0, cursor + 1 - width);
      if (start > 0) {
        text = '…' + text.slice(start + 1);
        cursor = cursor - start;
      }
      text = text.slice(0, width - (cursor >= text.length ? 1 : 0));
    }
    if (!focused) return esc(text);
    const at = text.slice(cursor, cursor + 1) || ' ';
    return `${esc(text.slice(0, cursor))}{inverse}${esc(at)}{/inverse}${esc(text.slice(cursor + 1))}`;
  }
}
