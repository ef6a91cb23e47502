// A dialog on top of the console. The app keeps a stack of them; the top one gets every key first, and Esc
// closes it (each dialog decides what its other keys do).
import blessed from 'blessed';
import type { Key } from '../keys.js';
import { areaOf, innerArea, pointIn, WHEEL_ROWS, type MouseEvent } from '../mouse.js';
import type { Theme } from '../theme.js';

export interface Layer {
  /** True when the key was used. */
  handleKey(ch: string | undefined, key: Key): boolean;
  /**
   * A mouse press or wheel turn anywhere on the screen while this dialog is on top (what lies behind it gets
   * nothing); a dialog without it ignores the mouse.
   */
  handleMouse?(event: MouseEvent): void;
  /** Refreshes contents (called once per frame while open). */
  draw(): void;
  /** Removes its widgets; called by the app when the layer is popped. */
  destroy(): void;
}

export interface LayerHost {
  screen: blessed.Widgets.Screen;
  theme: Theme;
  close(layer: Layer): void;
}

export function dialogBox(
  host: LayerHost,
  title: string,
  width: number | string,
  height: number | string,
  extra: blessed.Widgets.BoxOptions = {},
): blessed.Widgets.BoxElement {
  return blessed.box({
    ...extra,
    parent: host.screen,
    top: 'center',
    left: 'center',
    width,
    height,
    tags: true,
    // Contents are fitted to the width already; blessed's own wrapping would break a full-width line.
    wrap: false,
    border: { type: 'line' },
    label: ` ${title} `,
    style: { border: { fg: host.theme.focus || 'default' }, fg: host.theme.fg || 'default' },
  });
}

/** The line inside a dialog's border that a left press landed on; undefined for anything else. */
export function pressedRow(box: blessed.Widgets.BoxElement, event: MouseEvent): number | undefined {
  if (event.action !== 'press' || event.button !== 'left') return undefined;
  return pointIn(innerArea(areaOf(box)), event.x, event.y)?.row;
}

/** -1 for the wheel turned up, 1 down, 0 for anything else: a list's selection moves by it. */
export function wheelStep(event: MouseEvent): -1 | 0 | 1 {
  return event.action === 'wheelup' ? -1 : event.action === 'wheeldown' ? 1 : 0;
}

/** The wheel scrolls a scrollable dialog's text, a few lines a notch. */
export function wheelScroll(box: blessed.Widgets.BoxElement, event: MouseEvent): void {
  const step = wheelStep(event);
  if (step) box.scroll(step * WHEEL_ROWS);
}

export function isKey(key: Key, ...names: string[]): boolean {
  return names.includes(key.full ?? '') || names.includes(key.name ?? '');
}
