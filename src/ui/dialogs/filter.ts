// `/` (or f) in a table: one line at the bottom; the table shows only the rows containing what is typed, as it
// is typed. Enter keeps the filter (shown on the table's bottom edge), Esc drops it.
import blessed from 'blessed';
import { LineInput, type Key } from '../keys.js';
import { paint } from '../theme.js';
import { isKey, type Layer, type LayerHost } from './layer.js';

export class FilterLine implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  readonly input = new LineInput();

  constructor(
    private readonly host: LayerHost,
    private readonly what: string,
    initial: string,
    private readonly onChange: (text: string) => void,
  ) {
    this.input.set(initial);
    this.box = blessed.box({
      parent: host.screen,
      bottom: 0,
      left: 0,
      width: '100%',
      height: 1,
      tags: true,
      wrap: false,
      style: { fg: host.theme.fg || 'default' },
    });
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (isKey(key, 'escape')) {
      this.onChange('');
      this.host.close(this);
    } else if (isKey(key, 'enter', 'return')) {
      this.host.close(this);
    } else if (this.input.handle(ch, key)) {
      this.onChange(this.input.value);
    }
    return true;
  }

  draw(): void {
    const width = Math.max(10, this.host.screen.width as number);
    const prompt = `filter ${this.what}: `;
    this.box.setContent(
      `${paint(prompt, this.host.theme.muted)}${this.input.render(true, false, width - prompt.length - 1)}`,
    );
  }

  destroy(): void {
    this.box.destroy();
  }
}
