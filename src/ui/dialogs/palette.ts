// `:` the command palette: one line at the bottom, with the commands that match what is typed shown above it
// and Up/Down walking the history of this session.
import blessed from 'blessed';
import { LineInput, type Key } from '../keys.js';
import { esc, paint } from '../theme.js';
import { isKey, type Layer, type LayerHost } from './layer.js';

export class CommandPalette implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  private readonly input = new LineInput();
  private historyIndex: number;

  constructor(
    private readonly host: LayerHost,
    private readonly commands: readonly string[],
    private readonly history: string[],
    private readonly onSubmit: (text: string) => void,
  ) {
    this.historyIndex = history.length;
    this.box = blessed.box({
      parent: host.screen,
      bottom: 0,
      left: 0,
      width: '100%',
      height: 2,
      tags: true,
      style: { fg: host.theme.fg || 'default' },
    });
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (isKey(key, 'escape')) {
      this.host.close(this);
    } else if (isKey(key, 'enter', 'return')) {
      const text = this.input.value.trim();
      this.host.close(this);
      if (text) {
        if (this.history[this.history.length - 1] !== text) this.history.push(text);
        this.onSubmit(text);
      }
    } else if (isKey(key, 'up')) {
      this.historyIndex = Math.max(0, this.historyIndex - 1);
      this.input.set(this.history[this.historyIndex] ?? '');
    } else if (isKey(key, 'down')) {
      this.historyIndex = Math.min(this.history.length, this.historyIndex + 1);
      this.input.set(this.history[this.historyIndex] ?? '');
    } else if (isKey(key, 'tab')) {
      const match = this.matches()[0];
      if (match) this.input.set(match.split(' ')[0] + ' ');
    } else {
      this.input.handle(ch, key);
    }
    return true;
  }

  private matches(): string[] {
    const word = this.input.value.trimStart().split(/\s+/)[0]?.toLowerCase() ?? '';
    return this.commands.filter((c) => c.toLowerCase().startsWith(word));
  }

  draw(): void {
    const hint = this.matches().join('  ·  ');
    this.box.setContent(`${paint(esc(hint), this.host.theme.muted)}\n:${this.input.render(true)}`);
  }

  destroy(): void {
    this.box.destroy();
  }
}
