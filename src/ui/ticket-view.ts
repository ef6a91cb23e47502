// Draws the order ticket, the depth of its contract (five levels, ten where the venue sends them) and a small
// price chart.
import blessed from 'blessed';
import { GatewayStatus, OrderType } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { label } from '../core/labels.js';
import { bookSides, DEPTH_LEVELS, makeListingId, type TickData } from '../core/object.js';
import { priceDecimals } from '../core/validate.js';
import type { Ticket, TicketField } from './ticket.js';
import { displayWidth, fit, wrap } from './text.js';
import { bold, esc, paint, type Theme } from './theme.js';

interface Series {
  prices: number[];
  /** Volume traded between consecutive ticks. */
  volumes: number[];
  cumulative: number;
}

/** Recent last prices and traded volumes per contract, so the chart has history the moment a contract is loaded. */
export class PriceHistory {
  private readonly series = new Map<string, Series>();
  constructor(private readonly length = 240) {}

  push(tick: TickData): void {
    if (!(tick.lastPrice > 0)) return;
    const key = makeListingId(tick.gatewayName, tick.vtSymbol);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { prices: [], volumes: [], cumulative: tick.volume }));
    const traded = tick.volume - s.cumulative;
    s.cumulative = tick.volume;
    s.prices.push(tick.lastPrice);
    // A cumulative volume that went down is a new trading day; the tick's own last volume is all we know then.
    s.volumes.push(traded >= 0 ? traded : tick.lastVolume);
    if (s.prices.length > this.length * 2) {
      s.prices.splice(0, s.prices.length - this.length);
      s.volumes.splice(0, s.volumes.length - this.length);
    }
  }

  last(listingId: string, n: number): { prices: number[]; volumes: number[] } {
    const s = this.series.get(listingId);
    if (!s) return { prices: [], volumes: [] };
    const from = Math.max(0, s.prices.length - n);
    return { prices: s.prices.slice(from), volumes: s.volumes.slice(from) };
  }
}

const LABELS: Record<TicketField | 'name', string> = {
  gateway: 'Gateway',
  exchange: 'Exchange',
  symbol: 'Symbol',
  name: 'Name',
  direction: 'Direction',
  offset: 'Offset',
  type: 'Type',
  price: 'Price',
  volume: 'Volume',
};

/** The most levels a side the depth panel shows (the ten-level venues'). */
export const MAX_DEPTH_LEVELS = 10;

/** Levels a side the depth panel wants for a tick: ten for a venue that sends tick.depth, else five. */
export function wantedDepthLevels(tick: TickData | undefined): number {
  return tick?.depth ? MAX_DEPTH_LEVELS : DEPTH_LEVELS;
}

/** Rows of the bordered depth box that show `levels` a side, the last price between them. */
export function depthBoxRows(levels: number): number {
  return 2 * levels + 3;
}

/**
 * Which levels a side the depth box shows when the venue sends more than fit: page `page` of `fits` levels
 * (page 1: levels fits+1 … 2·fits, clamped to what is sent). Levels are 1-based, `to` inclusive.
 */
export function depthPageRange(
  wanted: number,
  fits: number,
  page: number,
): { from: number; to: number; pages: number } {
  const n = Math.max(1, Math.min(wanted, fits));
  const pages = Math.ceil(wanted / n);
  const p = ((page % pages) + pages) % pages;
  return { from: p * n + 1, to: Math.min(wanted, (p + 1) * n), pages };
}

export class TicketView {
  readonly form: blessed.Widgets.BoxElement;
  readonly depth: blessed.Widgets.BoxElement;
  readonly chart: blessed.Widgets.BoxElement;
  /** What each line inside the form shows, as last drawn (a mouse click picks the field on its line). */
  formFields: (TicketField | 'name')[] = [];
  /** The price and level name of each line inside the depth box as last drawn (a click puts it in the ticket). */
  drawnLevels: { name: string; price: number }[] = [];
  private theme: Theme;
  /** The page of depth levels in view where they do not all fit (D turns it); back to the best on a new listing. */
  private depthPage = { listing: '', page: 0 };

  constructor(
    parent: blessed.Widgets.Node,
    private readonly ticket: Ticket,
    private readonly mainEngine: MainEngine,
    private readonly history: PriceHistory,
    theme: Theme,
  ) {
    this.theme = theme;
    this.form = blessed.box({ parent, tags: true, wrap: false, border: { type: 'line' }, label: ' Ticket ' });
    this.depth = blessed.box({ parent, tags: true, wrap: false, border: { type: 'line' }, label: ' Depth ' });
    this.chart = blessed.box({ parent, tags: true, wrap: false, border: { type: 'line' }, label: ' Chart ' });
    this.applyTheme(theme);
  }

  applyTheme(theme: Theme): void {
    this.theme = theme;
    for (const b of [this.form, this.depth, this.chart]) {
      b.style.border = { fg: theme.border || 'default' };
      b.style.fg = theme.fg || 'default';
    }
  }

  draw(focused: boolean): void {
    this.form.style.border = { fg: (focused ? this.theme.focus : this.theme.border) || 'default' };
    this.form.setLabel(focused ? ' Ticket (Enter reviews) ' : ' Ticket ');
    this.form.setContent(this.formLines(focused).join('\n'));
    this.depth.setContent(this.depthLines().join('\n'));
    this.drawChart();
  }

  private formLines(focused: boolean): string[] {
    const t = this.ticket;
    const th = this.theme;
    const inner = Math.max(10, (this.form.width as number) - 2);
    const valueWidth = Math.max(4, inner - 11);
    const rows: [TicketField | 'name', string][] = [];
    const gw = this.gatewayStatus();
    rows.push(['gateway', `${esc(t.gatewayName || '(none)')} ${gw}`]);
    rows.push(['exchange', esc(t.exchange)]);
    rows.push(['symbol', t.symbol.render(focused && t.field === 'symbol')]);
    rows.push(['name', esc(fit(t.name, valueWidth))]);
    rows.push([
      'direction',
      paint(esc(label('Direction', t.direction)), t.direction === 'SHORT' ? th.short : th.long),
    ]);
    if (t.usesOffset()) rows.push(['offset', esc(label('Offset', t.offset))]);
    rows.push(['type', esc(label('OrderType', t.type))]);
    const marketPrice = t.type === OrderType.MARKET;
    rows.push([
      'price',
      marketPrice
        ? paint('market', th.muted)
        : t.price.render(focused && t.field === 'price') + (t.priceFollows ? paint(' (last)', th.muted) : ''),
    ]);
    rows.push(['volume', t.volume.render(focused && t.field === 'volume')]);
    this.formFields = rows.map(([field]) => field);
    const lines = rows.map(([field, value]) => {
      const active = focused && field === t.field;
      const name = fit(LABELS[field], 9);
      const choice = active && !['symbol', 'price', 'volume'].includes(field);
      const shown = choice ? `‹ ${value} ›` : value;
      return `${active ? '{inverse}' + name + '{/inverse}' : paint(name, th.muted)}  ${shown}`;
    });
    const msg = t.message;
    if (msg) {
      // The message takes every line left in the box, so a refusal's reason is read whole.
      const colour = msg.level === 'error' ? th.error : msg.level === 'ok' ? th.ok : th.muted;
      const room = Math.max(1, (this.form.height as number) - 2 - lines.length);
      for (const part of wrap((msg.level === 'error' ? '✗ ' : '') + msg.text, inner, room)) {
        lines.push(paint(esc(part), colour));
      }
    }
    return lines;
  }

  /**
   * D: the next page of depth levels where the box is too short for all the venue sends (at 80x24, levels
   * 6–10 after 1–5). Says why not otherwise.
   */
  nextDepthPage(): string | undefined {
    const t = this.ticket;
    const tick = t.vtSymbol ? this.mainEngine.getTick(t.vtSymbol, t.gatewayName) : undefined;
    if (!tick) return 'no depth yet: load a contract with prices';
    const wanted = wantedDepthLevels(tick);
    const { pages } = depthPageRange(wanted, this.depthFits(), 0);
    if (pages <= 1) return `all ${wanted} depth levels are shown`;
    const listing = makeListingId(t.gatewayName, t.vtSymbol);
    const page = this.depthPage.listing === listing ? this.depthPage.page + 1 : 1;
    this.depthPage = { listing, page: page % pages };
    return undefined;
  }

  /** Levels a side the depth box has rows for: two lines of border and the last price between the sides. */
  private depthFits(): number {
    return Math.max(1, Math.floor(((this.depth.height as number) - 3) / 2));
  }

  private connected(): boolean {
    try {
      return this.mainEngine.getGateway(this.ticket.gatewayName).status === GatewayStatus.CONNECTED;
    } catch {
      return false;
    }
  }

  private gatewayStatus(): string {
    try {
      const s = this.mainEngine.getGateway(this.ticket.gatewayName).status;
      return s === GatewayStatus.CONNECTED
        ? paint('●', this.theme.ok)
        : paint(`(${s.toLowerCase()})`, this.theme.warn);
    } catch {
      return '';
    }
  }

  private depthLines(): string[] {
    const th = this.theme;
    const t = this.ticket;
    const tick = t.vtSymbol ? this.mainEngine.getTick(t.vtSymbol, t.gatewayName) : undefined;
    const contract = t.contract();
    // Each price with its band's decimals (a sub-penny 0.4999 must not read 0.50).
    const fmt = (p: number): string => p.toFixed(contract ? priceDecimals(contract, p) : 2);
    const inner = Math.max(10, (this.depth.width as number) - 2);
    this.drawnLevels = [];
    if (!tick) return [paint(t.vtSymbol ? `waiting for ${esc(t.vtSymbol)}` : '/ to search', th.muted)];
    // As many levels as were sent and fit: a ten-level book in a short box shows its best levels, and says so;
    // D pages through the rest.
    const book = bookSides(tick);
    const wanted = wantedDepthLevels(tick);
    const listing = makeListingId(t.gatewayName, t.vtSymbol);
    const page = this.depthPage.listing === listing ? this.depthPage.page : 0;
    const range = depthPageRange(wanted, this.depthFits(), page);
    const nw = Math.max(4, `Ask${range.to}`.length);
    const pw = Math.max(6, Math.floor((inner - nw - 1) / 2));
    const vw = Math.max(3, inner - nw - 1 - pw - 1);
    const level = (name: string, price: number, volume: number, colour: string): string =>
      paint(
        `${fit(name, nw)} ${fit(price ? fmt(price) : '', pw, 'right')} ${fit(volume ? String(volume) : '', vw, 'right')}`,
        colour,
      );
    const lines: string[] = [];
    const shown = range.pages > 1 ? `${range.from}-${range.to}/${wanted}` : '';
    const stale = !this.connected();
    const state = stale
      ? 'STALE'
      : tick.limitUp > 0 || tick.limitDown > 0
        ? `▲${fmt(tick.limitUp)} ▼${fmt(tick.limitDown)}`
        : '';
    // The title must fit on the border: without the word Depth when the count and the limits need its room.
    const room = (this.depth.width as number) - 2;
    const title =
      [['Depth', shown, state], [shown, state], [shown]]
        .map((parts) => ` ${parts.filter(Boolean).join(' ')} `)
        .find((x) => displayWidth(x) <= room) ?? ` ${shown} `;
    this.depth.setLabel(stale ? title.replace('STALE', paint(bold('STALE'), th.warn)) : title);
    const levels = this.drawnLevels;
    for (let i = range.to - 1; i >= range.from - 1; i--) {
      const [price, volume] = book.asks[i] ?? [0, 0];
      levels.push({ name: `Ask${i + 1}`, price });
      lines.push(level(`Ask${i + 1}`, price, volume, th.ask));
    }
    levels.push({ name: 'Last', price: tick.lastPrice });
    const change = tick.preClose ? ((tick.lastPrice - tick.preClose) / tick.preClose) * 100 : 0;
    const mid = `${fit('Last', nw)} ${fit(fmt(tick.lastPrice), pw, 'right')} ${fit(tick.preClose ? `${change >= 0 ? '+' : ''}${change.toFixed(2)}%` : '', vw, 'right')}`;
    lines.push(bold(paint(mid, change > 0 ? th.up : change < 0 ? th.down : '')));
    for (let i = range.from - 1; i < range.to; i++) {
      const [price, volume] = book.bids[i] ?? [0, 0];
      levels.push({ name: `Bid${i + 1}`, price });
      lines.push(level(`Bid${i + 1}`, price, volume, th.bid));
    }
    return lines;
  }

  /** Price and volume sparklines under their labels (no widget of its own: labels are ours, whole). */
  private drawChart(): void {
    const t = this.ticket;
    const th = this.theme;
    const width = Math.max(1, (this.chart.width as number) - 2);
    const rows = Math.max(1, (this.chart.height as number) - 2);
    const { prices, volumes } = t.vtSymbol
      ? this.history.last(makeListingId(t.gatewayName, t.vtSymbol), width)
      : { prices: [], volumes: [] };
    if (prices.length === 0) {
      this.chart.setContent(paint(t.vtSymbol ? 'waiting for ticks' : 'no contract', th.muted));
      return;
    }
    const lo = Math.min(...prices);
    const hi = Math.max(...prices);
    const contract = t.contract();
    const d = contract ? priceDecimals(contract, lo) : 2;
    const traded = volumes.reduce((a, b) => a + b, 0);
    const priceRows = Math.max(1, rows - 3);
    const lines = [
      paint(esc(fit(`Price ${lo.toFixed(d)} – ${hi.toFixed(d)}`, width).trimEnd()), th.accent),
      ...bars(scaled(prices, lo, hi), priceRows).map((l) => paint(l, th.fg)),
      paint(esc(fit(`Volume ${Number(traded.toFixed(8))}`, width).trimEnd()), th.accent),
      ...bars(scaled(volumes, 0, Math.max(...volumes)), 1).map((l) => paint(l, th.muted)),
    ];
    this.chart.setContent(lines.slice(0, rows).join('\n'));
  }
}

/**
 * Maps values onto 0..100 integers. The sparkline renderer works in integer arithmetic (bit shifts), so a
 * price range of 0.2 or crypto volumes of 0.001 would otherwise all draw as the lowest bar.
 */
const BLOCKS = ' ▁▂▃▄▅▆▇█';

/** Values of 0..100 as block characters, `height` rows tall (top row first). */
export function bars(values: readonly number[], height: number): string[] {
  const out: string[] = [];
  for (let row = height - 1; row >= 0; row--) {
    let line = '';
    for (const v of values) {
      const eighths = Math.round((v / 100) * height * 8) - row * 8;
      line += BLOCKS[Math.max(0, Math.min(8, eighths))] ?? ' ';
    }
    out.push(line);
  }
  // A flat series still shows a line at the bottom.
  if (values.length && out[height - 1]!.trim() === '') out[height - 1] = '▁'.repeat(values.length);
  return out;
}

export function scaled(values: readonly number[], lo: number, hi: number): number[] {
  const range = hi - lo;
  if (!(range > 0)) return values.map(() => 0);
  return values.map((v) => Math.round(((v - lo) / range) * 100));
}
