// The one table widget every monitor uses. Rows are keyed (a tick by vtSymbol, an order by vtOrderid), so an
// update rewrites one row in place and the selection follows its key, not its index, while rows move. Only
// the visible window is formatted, and a row is re-formatted only when its data changed since the last draw.
import blessed from 'blessed';
import { esc, paint, bold, type Theme } from './theme.js';
import { displayWidth, fit, type Align } from './text.js';

export interface Column<T> {
  title: string;
  /** Width in terminal cells. */
  width: number;
  align?: Align;
  /** Takes whatever width is left over (at most one column should). */
  grow?: boolean;
  /**
   * Widens to the widest value seen (up to this many cells) before any column to its right is given room:
   * identifiers are shown whole, never cut to a prefix that every row shares.
   */
  fitContent?: number;
  /** Kept where the row is too narrow for it: `spare` columns to its left give way to it first. */
  keep?: boolean;
  /**
   * Gives way to a `keep` column to its right that does not fit: one that no row has filled yet (a spot
   * venue's Offset) first, then the nearest to the keep column.
   */
  spare?: boolean;
  text(row: T): string;
  /** A theme colour for the cell, or '' for the default. */
  colour?(row: T, theme: Theme): string;
}

export interface DataTableOptions<T> {
  parent: blessed.Widgets.Node;
  columns: readonly Column<T>[];
  keyOf(row: T): string;
  /** New rows go on top (orders, trades, log) rather than at the bottom (ticks, positions). */
  newestFirst?: boolean;
  /** Oldest rows are dropped beyond this many (the log and trade history stay bounded). */
  maxRows?: number;
  theme: Theme;
}

export class DataTable<T> {
  readonly box: blessed.Widgets.BoxElement;
  private readonly columns: readonly Column<T>[];
  private readonly keyOf: (row: T) => string;
  private readonly newestFirst: boolean;
  private readonly maxRows: number;
  private theme: Theme;
  private order: string[] = [];
  private readonly rows = new Map<string, T>();
  private readonly lines = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private selectedKey: string | undefined;
  private offset = 0;
  private widths: number[] = [];
  /** The column index of each laid-out width (hidden columns and those past the edge are not among them). */
  private shown: number[] = [];
  /** Columns the person chose not to see (C), by index. */
  private readonly hidden = new Set<number>();
  /** The column indices in the order shown (C moves them). */
  private arrangement: number[];
  private laidOutFor = -1;
  private lastContent = '';
  private structureChanged = true;
  private focused = false;
  /** Widths of fitContent columns: the widest value seen so far (at least the column's width). */
  private readonly contentWidths: number[];
  /** The `spare` columns some row has shown text in (never cleared: a column does not come and go). */
  private readonly filled = new Set<number>();
  /** `/` in a table: rows whose cells contain this text (any case); '' shows every row. */
  private filterText = '';
  /** Sorted by this column's text (numbers as numbers), or -1 for arrival order. */
  private sortColumn = -1;
  private sortDescending = false;
  /** The keys shown, filtered and sorted, while a filter or sort is on (else the arrival order). */
  private view: string[] | undefined;
  /** The keys of the body lines as last drawn: what a mouse click lands on, even if rows moved since. */
  private drawnKeys: string[] = [];

  constructor(options: DataTableOptions<T>) {
    this.columns = options.columns;
    this.keyOf = options.keyOf;
    this.newestFirst = options.newestFirst ?? false;
    this.maxRows = options.maxRows ?? Infinity;
    this.theme = options.theme;
    this.box = blessed.box({ parent: options.parent, tags: true, wrap: false });
    this.contentWidths = this.columns.map((c) => c.width);
    this.arrangement = this.columns.map((_, i) => i);
  }

  get size(): number {
    return this.order.length;
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    if (text === this.filterText) return;
    this.filterText = text;
    this.refreshView();
  }

  /** The selected row's key, for the saved workspace ('' with no rows). */
  selectionSetting(): string {
    return this.currentKey() ?? '';
  }

  /**
   * Selects the row of a saved key; a row not there yet is selected once it arrives (until the person moves
   * the selection), the first row standing in meanwhile.
   */
  setSelectionSetting(key: string): void {
    if (!key) return;
    this.selectedKey = key;
    this.structureChanged = true;
  }

  /** s: sort by the next shown column (then back to arrival order); S: reverse the direction. */
  cycleSort(): void {
    const shown = this.shown.length ? this.shown : this.visibleColumns();
    // The next column as shown, left to right (-1, arrival order, is before the first).
    this.sortColumn = shown[shown.indexOf(this.sortColumn) + 1] ?? -1;
    this.sortDescending = false;
    this.refreshView();
  }

  reverseSort(): void {
    if (this.sortColumn < 0)
      this.sortColumn = (this.shown.length ? this.shown : this.visibleColumns())[0] ?? 0;
    else this.sortDescending = !this.sortDescending;
    this.refreshView();
  }

  /** The sort as the settings file keeps it: the column's title ("Last", "Last desc"), or '' for arrival order. */
  sortSetting(): string {
    const c = this.columns[this.sortColumn];
    return c ? `${c.title}${this.sortDescending ? ' desc' : ''}` : '';
  }

  /** Restores a sortSetting(); a title this table does not have (or a hidden column) leaves arrival order. */
  setSortSetting(text: string): void {
    const m = /^(.*?)(\s+desc)?$/i.exec(text.trim())!;
    const index = this.columns.findIndex((c) => c.title.toLowerCase() === m[1]!.toLowerCase());
    this.sortColumn = index >= 0 && !this.hidden.has(index) ? index : -1;
    this.sortDescending = this.sortColumn >= 0 && m[2] !== undefined;
    this.refreshView();
  }

  /**
   * Every column in the order shown: its title, whether it is shown (the person's choice; a narrow box may
   * still drop some) and its index for setColumnShown and moveColumn.
   */
  columnChoices(): { title: string; shown: boolean; index: number }[] {
    return this.arrangement.map((i) => ({
      title: this.columns[i]!.title,
      shown: !this.hidden.has(i),
      index: i,
    }));
  }

  /** Moves the column at this index one place left (-1) or right (1) in the order shown; false at an end. */
  moveColumn(index: number, by: -1 | 1): boolean {
    const from = this.arrangement.indexOf(index);
    const to = from + by;
    if (from < 0 || to < 0 || to >= this.arrangement.length) return false;
    [this.arrangement[from], this.arrangement[to]] = [this.arrangement[to]!, this.arrangement[from]!];
    this.laidOutFor = -1;
    this.refreshView();
    return true;
  }

  /**
   * The column choice as columns.<tab> keeps it. In the original order, the hidden titles ("Name,Open"), as
   * before columns could move; once moved, every title in the order shown, +shown or -hidden
   * ("+Symbol,+Last,-Name,+Bid").
   */
  columnsSetting(): string {
    if (this.arrangement.every((i, at) => i === at)) return this.hiddenTitles().join(',');
    return this.columnChoices()
      .map((c) => `${c.shown ? '+' : '-'}${c.title}`)
      .join(',');
  }

  /**
   * Restores a columnsSetting(). Titles this table does not have are ignored; a column the setting does not
   * name (one added since) is shown, after those it names.
   */
  setColumnsSetting(text: string): void {
    const entries = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const ordered = entries.some((e) => e.startsWith('+') || e.startsWith('-'));
    const indexOf = (title: string): number =>
      this.columns.findIndex((c) => c.title.toLowerCase() === title.toLowerCase());
    // The short form (hidden titles alone) keeps the original order.
    const named = ordered
      ? entries
          .map((e) => ({ index: indexOf(e.replace(/^[+-]/, '')), shown: !e.startsWith('-') }))
          .filter((e, at, all) => e.index >= 0 && all.findIndex((x) => x.index === e.index) === at)
      : [];
    const rest = this.columns.map((_, i) => i).filter((i) => !named.some((e) => e.index === i));
    this.arrangement = [...named.map((e) => e.index), ...rest];
    this.setHiddenTitles(
      ordered ? named.filter((e) => !e.shown).map((e) => this.columns[e.index]!.title) : entries,
    );
    this.laidOutFor = -1;
    this.refreshView();
  }

  /** Hides or shows the column at this index; the last shown column stays. Returns whether it changed. */
  setColumnShown(index: number, shown: boolean): boolean {
    if (index < 0 || index >= this.columns.length || shown === !this.hidden.has(index)) return false;
    if (!shown && this.visibleColumns().length <= 1) return false;
    if (shown) this.hidden.delete(index);
    else this.hidden.add(index);
    // A hidden column neither sorts nor filters the rows.
    if (!shown && this.sortColumn === index) this.sortColumn = -1;
    this.laidOutFor = -1;
    this.refreshView();
    return true;
  }

  /** The titles of hidden columns (what the settings file keeps). */
  hiddenTitles(): string[] {
    return [...this.hidden].sort((a, b) => a - b).map((i) => this.columns[i]!.title);
  }

  /** Hides the columns with these titles and shows the rest; titles this table does not have are ignored. */
  setHiddenTitles(titles: readonly string[]): void {
    const want = new Set(titles.map((t) => t.toLowerCase()));
    this.columns.forEach((c, i) => this.setColumnShown(i, !want.has(c.title.toLowerCase())));
  }

  private visibleColumns(): number[] {
    return this.arrangement.filter((i) => !this.hidden.has(i));
  }

  /** "Last ▲" — what the rows are sorted by, or '' in arrival order. */
  get sortLabel(): string {
    if (this.sortColumn < 0) return '';
    return `${this.columns[this.sortColumn]!.title} ${this.sortDescending ? '▼' : '▲'}`;
  }

  /** The keys in the order shown. */
  private keys(): string[] {
    return this.view ?? this.order;
  }

  private refreshView(): void {
    this.structureChanged = true;
    if (!this.filterText && this.sortColumn < 0) {
      this.view = undefined;
      return;
    }
    const needle = this.filterText.toLowerCase();
    let keys = this.order;
    if (needle) {
      keys = keys.filter((k) => {
        const row = this.rows.get(k)!;
        return this.columns.some((c, i) => !this.hidden.has(i) && c.text(row).toLowerCase().includes(needle));
      });
    } else keys = [...keys];
    const col = this.columns[this.sortColumn];
    if (col) {
      const sign = this.sortDescending ? -1 : 1;
      const cell = new Map(keys.map((k) => [k, col.text(this.rows.get(k)!)]));
      keys.sort((a, b) => sign * compareCells(cell.get(a)!, cell.get(b)!));
    }
    this.view = keys;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.invalidate();
  }

  setFocused(focused: boolean): void {
    if (this.focused !== focused) this.structureChanged = true;
    this.focused = focused;
  }

  /** Inserts or replaces the row with this key. */
  upsert(row: T): void {
    const key = this.keyOf(row);
    if (!this.rows.has(key)) {
      if (this.newestFirst) this.order.unshift(key);
      else this.order.push(key);
      this.structureChanged = true;
      this.trim();
    }
    this.rows.set(key, row);
    this.dirty.add(key);
    this.measure(row);
  }

  /** Marks rows for re-formatting (their data did not change, what they show depends on did: staleness). */
  touch(predicate: (row: T) => boolean): void {
    for (const [key, row] of this.rows) if (predicate(row)) this.dirty.add(key);
  }

  private measure(row: T): void {
    for (let i = 0; i < this.columns.length; i++) {
      const col = this.columns[i]!;
      if (col.spare && !this.filled.has(i) && col.text(row).trim() !== '') {
        this.filled.add(i);
        this.laidOutFor = -1;
      }
      if (!col.fitContent) continue;
      const w = Math.min(col.fitContent, displayWidth(col.text(row)));
      if (w > this.contentWidths[i]!) {
        this.contentWidths[i] = w;
        this.laidOutFor = -1;
      }
    }
  }

  remove(key: string): void {
    if (!this.rows.delete(key)) return;
    const i = this.order.indexOf(key);
    if (i >= 0) this.order.splice(i, 1);
    this.lines.delete(key);
    this.dirty.delete(key);
    if (this.selectedKey === key) this.selectedKey = this.order[Math.min(i, this.order.length - 1)];
    this.structureChanged = true;
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  all(): T[] {
    return this.order.map((k) => this.rows.get(k)!);
  }

  selected(): T | undefined {
    const key = this.currentKey();
    return key === undefined ? undefined : this.rows.get(key);
  }

  /** Moves the selection by n rows (negative is up), clamped. */
  move(n: number): void {
    const keys = this.keys();
    if (keys.length === 0) return;
    const i = this.selectedIndex();
    this.select(Math.max(0, Math.min(keys.length - 1, i + n)));
  }

  page(direction: 1 | -1): void {
    this.move(direction * Math.max(1, this.bodyHeight() - 1));
  }

  home(): void {
    if (this.keys().length) this.select(0);
  }

  end(): void {
    const n = this.keys().length;
    if (n) this.select(n - 1);
  }

  /**
   * A click on line `line` of the box (0 is the header): selects the row drawn there, as ↑/↓ would. 'again'
   * when it was selected already (a second click: what Enter does is the caller's), undefined off the rows.
   */
  clickLine(line: number): 'selected' | 'again' | undefined {
    const key = bodyKeyAt(this.drawnKeys, line);
    if (key === undefined || !this.rows.has(key)) return undefined;
    const i = this.keys().indexOf(key);
    // A row a filter hid since the last frame is not there to select.
    if (i < 0) return undefined;
    if (key === this.currentKey()) return 'again';
    this.select(i);
    return 'selected';
  }

  /** Re-formats what changed and updates the box; true when the visible content changed. */
  draw(): boolean {
    const width = typeof this.box.width === 'number' ? this.box.width : 0;
    if (width !== this.laidOutFor) {
      this.layout(width);
      this.invalidate();
    }
    // Values move under a sort and rows come and go under a filter: the view follows before each frame.
    if (this.view && (this.dirty.size > 0 || this.structureChanged)) this.refreshView();
    const keys = this.keys();
    const height = this.bodyHeight();
    const selected = this.selectedIndex();
    if (selected < this.offset) this.offset = selected;
    if (selected >= this.offset + height) this.offset = selected - height + 1;
    this.offset = Math.max(0, Math.min(this.offset, Math.max(0, keys.length - height)));
    const visible = keys.slice(this.offset, this.offset + height);
    this.drawnKeys = visible;
    let touched = this.structureChanged;
    for (const key of visible) {
      if (this.dirty.has(key) || !this.lines.has(key)) {
        this.lines.set(key, this.formatRow(this.rows.get(key)!));
        touched = true;
      }
    }
    // Rows scrolled out of view stay dirty and are formatted when they come back into view.
    for (const key of visible) this.dirty.delete(key);
    if (!touched) return false;
    this.structureChanged = false;
    const selectedKey = this.currentKey();
    const out = [this.header()];
    for (const key of visible) {
      const line = this.lines.get(key)!;
      out.push(
        key === selectedKey
          ? this.focused
            ? `{inverse}${line}{/inverse}`
            : `{underline}${line}{/underline}`
          : line,
      );
    }
    const content = out.join('\n');
    if (content === this.lastContent) return false;
    this.lastContent = content;
    this.box.setContent(content);
    return true;
  }

  private invalidate(): void {
    this.lines.clear();
    this.structureChanged = true;
  }

  private bodyHeight(): number {
    const h = typeof this.box.height === 'number' ? this.box.height : 0;
    return Math.max(1, h - 1);
  }

  private currentKey(): string | undefined {
    const keys = this.keys();
    if (this.selectedKey !== undefined && this.rows.has(this.selectedKey)) {
      // A row the filter hides is not selected (x must never cancel an order the person cannot see).
      if (!this.view || keys.includes(this.selectedKey)) return this.selectedKey;
    }
    return keys[0];
  }

  private selectedIndex(): number {
    const key = this.currentKey();
    return key === undefined ? 0 : Math.max(0, this.keys().indexOf(key));
  }

  private select(i: number): void {
    const key = this.keys()[i];
    if (key !== this.selectedKey) this.structureChanged = true;
    this.selectedKey = key;
  }

  private trim(): void {
    while (this.order.length > this.maxRows) {
      const key = this.newestFirst ? this.order.pop()! : this.order.shift()!;
      this.rows.delete(key);
      this.lines.delete(key);
      this.dirty.delete(key);
    }
  }

  /**
   * Column widths for this box width; hidden columns are skipped, those that do not fit dropped from the right,
   * except that a `keep` column which does not fit takes the room of `spare` ones to its left.
   */
  private layout(width: number): void {
    this.laidOutFor = width;
    let columns = this.visibleColumns();
    for (;;) {
      this.fitColumns(columns, width);
      // The first keep column cut off, and the spare ones to its left (shown or cut themselves).
      const keepAt = columns.findIndex((i, at) => at >= this.shown.length && this.columns[i]!.keep);
      if (keepAt < 0) return;
      const spares = columns.slice(0, keepAt).filter((i) => this.columns[i]!.spare);
      const unfilled = spares.filter((i) => !this.filled.has(i));
      const give = unfilled.at(-1) ?? spares.at(-1);
      if (give === undefined) return;
      columns = columns.filter((i) => i !== give);
    }
  }

  private fitColumns(columns: readonly number[], width: number): void {
    const widths: number[] = [];
    const shown: number[] = [];
    let used = 0;
    for (const i of columns) {
      const w = this.contentWidths[i]!;
      const need = (widths.length ? 1 : 0) + w;
      if (used + need > width) {
        // An identifier too wide even for a whole terminal is cut there rather than dropped.
        if (widths.length === 0) {
          widths.push(width);
          shown.push(i);
        }
        break;
      }
      widths.push(w);
      shown.push(i);
      used += need;
    }
    const grow = shown.findIndex((i) => this.columns[i]!.grow);
    if (grow >= 0) widths[grow]! += width - used;
    this.widths = widths;
    this.shown = shown;
  }

  private header(): string {
    const cells = this.widths.map((w, j) => {
      const i = this.shown[j]!;
      const c = this.columns[i]!;
      const title = i === this.sortColumn ? `${c.title}${this.sortDescending ? '▼' : '▲'}` : c.title;
      return esc(fit(title, w, c.align));
    });
    return paint(bold(cells.join(' ')), this.theme.header);
  }

  private formatRow(row: T): string {
    const cells: string[] = [];
    for (let j = 0; j < this.widths.length; j++) {
      const col = this.columns[this.shown[j]!]!;
      const text = esc(fit(col.text(row), this.widths[j]!, col.align));
      cells.push(col.colour ? paint(text, col.colour(row, this.theme)) : text);
    }
    return cells.join(' ');
  }
}

/** The key drawn at line `line` of a table box whose header is line 0, given the body keys drawn. */
export function bodyKeyAt(drawn: readonly string[], line: number): string | undefined {
  return line >= 1 ? drawn[line - 1] : undefined;
}

/** Numbers compare as numbers ("9.5" before "10"), everything else as text. */
function compareCells(a: string, b: string): number {
  const x = Number(a.replace(/[,▲▼?]/g, '').trim());
  const y = Number(b.replace(/[,▲▼?]/g, '').trim());
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a.localeCompare(b);
}
