// A dialog on top of the console. The app keeps a stack of them; the top one gets every key first, and Esc
// closes it (each dialog decides what its other keys do).
import blessed from 'blessed';
import type { Key } from '../keys.js';
import type { Theme } from '../theme.js';

export interface Layer {
  /** True when the key was used. */
  handleKey(ch: string | undefined, key: Key): boolean;
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

export function isKey(key: Key, ...names: string[]): boolean {
  return names.includes(key.full ?? '') || names.includes(key.name ?? '');
}
