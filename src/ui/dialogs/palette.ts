// `:` the command palette: one line at the bottom, with the usage of what is typed (or the commands that
// match) on the line above it, Up/Down walking the history of this session and Tab completing the word under
// the cursor (command, symbol, order id, gateway, theme, tab). The input line is never covered: the hint is
// cut to one line, and the input scrolls sideways to keep the cursor in view.
import blessed from 'blessed';
import { LineInput, type Key } from '../keys.js';
import { fit } from '../text.js';
import { esc, paint } from '../theme.js';
import { isKey, type Layer, type LayerHost } from './layer.js';

/** Candidates that match the last word of `text` (the words before it tell which kind of word it is). */
export type Completer = (text: string) => string[];

export class CommandPalette implements Layer {
  private readonly box: blessed.Widgets.BoxElement;
  readonly input = new LineInput();
  private historyIndex: number;
  /** Candidates shown after a Tab that had several. */
  private choices: string[] = [];

  constructor(
    private readonly host: LayerHost,
    private readonly commands: readonly string[],
    private readonly history: string[],
    private readonly onSubmit: (text: string) => void,
    private readonly complete: Completer = () => [],
  ) {
    this.historyIndex = history.length;
    this.box = blessed.box({
      parent: host.screen,
      bottom: 0,
      left: 0,
      width: '100%',
      height: 2,
      tags: true,
      wrap: false,
      style: { fg: host.theme.fg || 'default' },
    });
  }

  handleKey(ch: string | undefined, key: Key): boolean {
    if (!isKey(key, 'tab')) this.choices = [];
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
      this.tab();
    } else {
      this.input.handle(ch, key);
    }
    return true;
  }

  /** Completes the word before the cursor; everything typed before it (and after the cursor) stays. */
  private tab(): void {
    const before = this.input.value.slice(0, this.input.cursor);
    const after = this.input.value.slice(this.input.cursor);
    const start = before.search(/\S*$/);
    const word = before.slice(start);
    const candidates = this.candidates(before, word);
    if (candidates.length === 0) return;
    const common = commonPrefix(candidates);
    const done = candidates.length === 1;
    const replacement = done ? candidates[0]! + (after.startsWith(' ') ? '' : ' ') : common;
    // Several candidates found by pinyin share no prefix with what was typed: keep it and list them.
    if (!done && !common.toLowerCase().startsWith(word.toLowerCase())) {
      this.choices = candidates;
      return;
    }
    if (replacement.length < word.length) return;
    const head = before.slice(0, start) + replacement;
    this.input.value = head + after;
    this.input.cursor = head.length;
    this.choices = done ? [] : candidates;
  }

  private candidates(before: string, word: string): string[] {
    const words = before.trimStart().split(/\s+/);
    if (words.length > 1) return this.complete(before);
    const verbs = [...new Set(this.commands.map((c) => c.split(' ')[0]!))];
    return verbs.filter((c) => c.toLowerCase().startsWith(word.toLowerCase()));
  }

  /** The usage of the command being typed, or the commands that match, or the choices of the last Tab. */
  private hint(): string {
    if (this.choices.length) return this.choices.join('  ');
    const verb = this.input.value.trimStart().split(/\s+/)[0]?.toLowerCase() ?? '';
    const exact = this.commands.filter((c) => c.split(' ')[0] === verb);
    if (exact.length && this.input.value.trimStart().length > verb.length) return exact.join('  ·  ');
    return this.commands
      .filter((c) => c.toLowerCase().startsWith(verb))
      .map((c) => (verb ? c : c.split(' ')[0]!))
      .join('  ·  ');
  }

  draw(): void {
    const width = Math.max(4, this.host.screen.width as number);
    const hint = paint(esc(fit(this.hint(), width - 1).trimEnd()), this.host.theme.muted);
    this.box.setContent(`${hint}\n:${this.input.render(true, false, width - 1)}`);
  }

  destroy(): void {
    this.box.destroy();
  }
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) {
    while (!w.toLowerCase().startsWith(prefix.toLowerCase())) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
