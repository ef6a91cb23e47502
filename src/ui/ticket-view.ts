// Draws the order ticket, the five-level depth of its contract and a small price chart.
import blessed from 'blessed';
import Sparkline from 'blessed-contrib/lib/widget/sparkline.js';
import { GatewayStatus, OrderType } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { label } from '../core/labels.js';
import type { TickData } from '../core/object.js';
import { decimalsOf } from '../core/validate.js';
import type { Ticket, TicketField } from './ticket.js';
import { fit, wrap } from './text.js';
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
    let s = this.series.get(tick.vtSymbol);
    if (!s) this.series.set(tick.vtSymbol, (s = { prices: [], volumes: [], cumulative: tick.volume }));
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

  last(vtSymbol: string, n: number): { prices: number[]; volumes: number[] } {
    const s = this.series.get(vtSymbol);
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

export class TicketView {
  readonly form: blessed.Widgets.BoxElement;
  readonly depth: blessed.Widgets.BoxElement;
  readonly chart: ReturnType<typeof Sparkline>;
  private theme: Theme;

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
    this.chart = Sparkline({
      parent,
      tags: true,
      border: { type: 'line' },
      label: ' Chart ',
      style: { titleFg: theme.accent || 'default' },
    });
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
    this.form.setLabel(focused ? ' Ticket (Enter sends) ' : ' Ticket ');
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
    const tick = t.vtSymbol ? this.mainEngine.getTick(t.vtSymbol) : undefined;
    const contract = t.contract();
    const d = contract ? decimalsOf(contract.pricetick) : 2;
    const inner = Math.max(10, (this.depth.width as number) - 2);
    const pw = Math.max(6, Math.floor((inner - 5) / 2));
    const vw = Math.max(3, inner - 5 - pw - 1);
    const level = (name: string, price: number, volume: number, colour: string): string =>
      paint(
        `${fit(name, 4)} ${fit(price ? price.toFixed(d) : '', pw, 'right')} ${fit(volume ? String(volume) : '', vw, 'right')}`,
        colour,
      );
    if (!tick) return [paint(t.vtSymbol ? `waiting for ${esc(t.vtSymbol)}` : '/ to search', th.muted)];
    const lines: string[] = [];
    const asks = [tick.askPrice5, tick.askPrice4, tick.askPrice3, tick.askPrice2, tick.askPrice1];
    const askV = [tick.askVolume5, tick.askVolume4, tick.askVolume3, tick.askVolume2, tick.askVolume1];
    for (let i = 0; i < 5; i++) lines.push(level(`Ask${5 - i}`, asks[i]!, askV[i]!, th.ask));
    const change = tick.preClose ? ((tick.lastPrice - tick.preClose) / tick.preClose) * 100 : 0;
    const mid = `${fit('Last', 4)} ${fit(tick.lastPrice.toFixed(d), pw, 'right')} ${fit(tick.preClose ? `${change >= 0 ? '+' : ''}${change.toFixed(2)}%` : '', vw, 'right')}`;
    lines.push(bold(paint(mid, change > 0 ? th.up : change < 0 ? th.down : '')));
    const bids = [tick.bidPrice1, tick.bidPrice2, tick.bidPrice3, tick.bidPrice4, tick.bidPrice5];
    const bidV = [tick.bidVolume1, tick.bidVolume2, tick.bidVolume3, tick.bidVolume4, tick.bidVolume5];
    for (let i = 0; i < 5; i++) lines.push(level(`Bid${i + 1}`, bids[i]!, bidV[i]!, th.bid));
    return lines;
  }

  private drawChart(): void {
    const t = this.ticket;
    const width = Math.max(1, (this.chart.width as number) - 2);
    const { prices, volumes } = t.vtSymbol
      ? this.history.last(t.vtSymbol, width)
      : { prices: [], volumes: [] };
    if (prices.length === 0) {
      this.chart.setData([t.vtSymbol ? 'waiting for ticks' : 'no contract'], [[]]);
      return;
    }
    const lo = Math.min(...prices);
    const hi = Math.max(...prices);
    const contract = t.contract();
    const d = contract ? decimalsOf(contract.pricetick) : 2;
    const traded = volumes.reduce((a, b) => a + b, 0);
    this.chart.setData(
      [`price ${lo.toFixed(d)}–${hi.toFixed(d)}`, `volume ${Number(traded.toFixed(8))}`],
      [prices.map((p) => p - lo), volumes],
    );
  }
}
