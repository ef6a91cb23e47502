// The tabbed monitors (VN Trader's 行情/活动/委托/成交/持仓/资金/日志 docks): which columns each shows and
// which events feed it. Handlers only store the latest data and mark the row dirty; drawing happens per frame.
import type blessed from 'blessed';
import { Direction, GatewayStatus, LogLevel, OrderType } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { label } from '../core/labels.js';
import {
  isActive,
  makeListingId,
  type AccountData,
  type ContractData,
  type LogData,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from '../core/object.js';
import { redact } from '../core/redact.js';
import { decimalsOf, priceDecimals } from '../core/validate.js';
import type { CONSOLE_TABS } from '../core/settings.js';
import { DataTable, type Column } from './table.js';
import { formatNumber, formatTime } from './text.js';
import type { Theme } from './theme.js';

export interface TickRow {
  tick: TickData;
  /** Last price against the previous tick: 1 rising, -1 falling, 0 unchanged. */
  trend: number;
}

export interface LogRow {
  seq: number;
  log: LogData;
}

export const LOG_ROWS = 500;
export const TRADE_ROWS = 5000;

export type MonitorName = (typeof CONSOLE_TABS)[number];

export interface Monitors {
  ticks: DataTable<TickRow>;
  active: DataTable<OrderData>;
  orders: DataTable<OrderData>;
  trades: DataTable<TradeData>;
  positions: DataTable<PositionData>;
  accounts: DataTable<AccountData>;
  log: DataTable<LogRow>;
}

export const TABS: readonly { name: MonitorName; title: string }[] = [
  { name: 'ticks', title: 'Ticks' },
  { name: 'active', title: 'Active' },
  { name: 'orders', title: 'Orders' },
  { name: 'trades', title: 'Trades' },
  { name: 'positions', title: 'Positions' },
  { name: 'accounts', title: 'Accounts' },
  { name: 'log', title: 'Log' },
];

/**
 * Formats prices with the contract's tick decimals (0.2 → 1 decimal), cached per listing; where the tick depends
 * on the price (price bands), with the decimals of the band the price is in, so 0.5012 is not shown as 0.50.
 */
export class PriceFormat {
  private readonly digits = new Map<string, number | ContractData>();
  constructor(private readonly mainEngine: MainEngine) {}

  format(vtSymbol: string, price: number, blankZero = false, gatewayName?: string): string {
    const key = gatewayName ? makeListingId(gatewayName, vtSymbol) : vtSymbol;
    let d = this.digits.get(key);
    if (d === undefined) {
      const contract = this.mainEngine.getContract(vtSymbol, gatewayName);
      d = !contract ? 2 : contract.priceBands?.length ? contract : decimalsOf(contract.pricetick);
      if (contract) this.digits.set(key, d);
    }
    return formatNumber(price, typeof d === 'number' ? d : priceDecimals(d, price), blankZero);
  }
}

/** What the console knows of each gateway's link, for marking prices of a disconnected one as stale. */
export type GatewayLive = (gatewayName: string) => boolean;

/** The key of a tick row: one row per listing, so one vtSymbol from two gateways is two rows. */
export const tickKey = (t: { gatewayName: string; vtSymbol: string }): string =>
  makeListingId(t.gatewayName, t.vtSymbol);

/** When each order was first seen: a gateway that stamps updates does not move an order's Time. */
export class OrderTimes {
  private readonly first = new Map<string, number>();
  note(o: OrderData): void {
    const t = this.first.get(o.vtOrderid);
    if (t === undefined || o.datetime < t) this.first.set(o.vtOrderid, o.datetime);
  }
  of(o: OrderData): number {
    return this.first.get(o.vtOrderid) ?? o.datetime;
  }
}

/** An order's price as a person reads it: a market order has none ("market"), whatever the venue sent. */
export function orderPrice(o: OrderData, px: PriceFormat): string {
  if (o.type === OrderType.MARKET && !(o.price > 0)) return 'market';
  return px.format(o.vtSymbol, o.price, false, o.gatewayName);
}

/** Gateway status as the console last heard it. */
export function isLive(status: GatewayStatus | undefined): boolean {
  return status === GatewayStatus.CONNECTED;
}

const dirColour = (d: Direction, t: Theme): string => (d === Direction.SHORT ? t.short : t.long);
const num = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(8))));

/** A right-aligned best bid or ask column, in the bid or ask colour. */
function depthColumn(
  title: string,
  width: number,
  text: (r: TickRow) => string,
  side: 'bid' | 'ask',
): Column<TickRow> {
  return { title, width, align: 'right', text, colour: (_, t) => t[side] };
}

function orderColumns(px: PriceFormat, times: OrderTimes): Column<OrderData>[] {
  return [
    { title: 'Order', width: 8, fitContent: 40, text: (o) => o.vtOrderid },
    { title: 'Symbol', width: 12, text: (o) => o.vtSymbol },
    {
      title: 'Dir',
      width: 5,
      text: (o) => label('Direction', o.direction),
      colour: (o, t) => dirColour(o.direction, t),
    },
    // A spot venue's orders have no offset: where Status does not fit, the empty column gives way first.
    { title: 'Offset', width: 10, spare: true, text: (o) => label('Offset', o.offset) },
    { title: 'Price', width: 10, align: 'right', text: (o) => orderPrice(o, px) },
    { title: 'Vol', width: 6, align: 'right', text: (o) => num(o.volume) },
    // Too narrow for both, the status is shown: Traded of Vol says less than Cancelled or All traded.
    { title: 'Traded', width: 6, align: 'right', spare: true, text: (o) => num(o.traded) },
    {
      title: 'Status',
      width: 11,
      keep: true,
      text: (o) => label('Status', o.status),
      colour: (o, t) => (o.status === 'REJECTED' ? t.error : ''),
    },
    { title: 'Type', width: 6, text: (o) => label('OrderType', o.type) },
    { title: 'Time', width: 8, text: (o) => formatTime(times.of(o)) },
    { title: 'Message', width: 10, grow: true, text: (o) => o.statusMsg },
    { title: 'Gateway', width: 8, text: (o) => o.gatewayName },
  ];
}

export function createMonitors(
  parent: blessed.Widgets.Node,
  mainEngine: MainEngine,
  theme: Theme,
  live: GatewayLive = () => true,
  times: OrderTimes = new OrderTimes(),
): Monitors {
  const px = new PriceFormat(mainEngine);
  const price = (r: TickRow, p: number, blankZero = false): string =>
    px.format(r.tick.vtSymbol, p, blankZero, r.tick.gatewayName);
  const ticks = new DataTable<TickRow>({
    parent,
    theme,
    keyOf: (r) => tickKey(r.tick),
    columns: [
      { title: 'Symbol', width: 15, text: (r) => r.tick.vtSymbol },
      {
        title: 'Name',
        width: 12,
        grow: true,
        text: (r) => r.tick.name || mainEngine.getContract(r.tick.vtSymbol, r.tick.gatewayName)?.name || '',
      },
      {
        title: 'Last',
        width: 11,
        align: 'right',
        text: (r) =>
          price(r, r.tick.lastPrice) +
          (!live(r.tick.gatewayName) ? '?' : r.trend > 0 ? '▲' : r.trend < 0 ? '▼' : ' '),
        colour: (r, t) =>
          !live(r.tick.gatewayName) ? t.muted : r.trend > 0 ? t.up : r.trend < 0 ? t.down : '',
      },
      depthColumn('Bid', 9, (r) => price(r, r.tick.bidPrice1, true), 'bid'),
      depthColumn('BidV', 5, (r) => num(r.tick.bidVolume1), 'bid'),
      depthColumn('Ask', 9, (r) => price(r, r.tick.askPrice1, true), 'ask'),
      depthColumn('AskV', 5, (r) => num(r.tick.askVolume1), 'ask'),
      { title: 'Volume', width: 9, align: 'right', text: (r) => num(r.tick.volume) },
      { title: 'Open', width: 9, align: 'right', text: (r) => price(r, r.tick.openPrice, true) },
      { title: 'High', width: 9, align: 'right', text: (r) => price(r, r.tick.highPrice, true) },
      { title: 'Low', width: 9, align: 'right', text: (r) => price(r, r.tick.lowPrice, true) },
      {
        title: 'Time',
        width: 8,
        // A disconnected gateway's prices stay on screen for reference, marked as what they are.
        text: (r) => (live(r.tick.gatewayName) ? formatTime(r.tick.datetime) : 'STALE'),
        colour: (r, t) => (live(r.tick.gatewayName) ? '' : t.warn),
      },
      { title: 'Gateway', width: 8, text: (r) => r.tick.gatewayName },
    ],
  });
  const active = new DataTable<OrderData>({
    parent,
    theme,
    keyOf: (o) => o.vtOrderid,
    newestFirst: true,
    columns: orderColumns(px, times),
  });
  const orders = new DataTable<OrderData>({
    parent,
    theme,
    keyOf: (o) => o.vtOrderid,
    newestFirst: true,
    columns: orderColumns(px, times),
    maxRows: TRADE_ROWS,
  });
  const trades = new DataTable<TradeData>({
    parent,
    theme,
    keyOf: (t) => t.vtTradeid,
    newestFirst: true,
    maxRows: TRADE_ROWS,
    columns: [
      // Where a fill's price and volume do not fit, its own id gives way (the detail view shows it).
      { title: 'Trade', width: 8, fitContent: 40, spare: true, text: (t) => t.vtTradeid },
      { title: 'Order', width: 8, fitContent: 40, text: (t) => t.vtOrderid },
      { title: 'Symbol', width: 12, text: (t) => t.vtSymbol },
      {
        title: 'Dir',
        width: 5,
        text: (t) => label('Direction', t.direction),
        colour: (t, th) => dirColour(t.direction, th),
      },
      { title: 'Offset', width: 10, spare: true, text: (t) => label('Offset', t.offset) },
      {
        title: 'Price',
        width: 10,
        align: 'right',
        keep: true,
        text: (t) => px.format(t.vtSymbol, t.price, false, t.gatewayName),
      },
      { title: 'Vol', width: 6, align: 'right', keep: true, text: (t) => num(t.volume) },
      { title: 'Time', width: 8, text: (t) => formatTime(t.datetime) },
      { title: 'Gateway', width: 8, text: (t) => t.gatewayName },
    ],
  });
  const positions = new DataTable<PositionData>({
    parent,
    theme,
    keyOf: (p) => p.vtPositionid,
    columns: [
      { title: 'Symbol', width: 12, text: (p) => p.vtSymbol },
      {
        title: 'Dir',
        width: 5,
        text: (p) => label('Direction', p.direction),
        colour: (p, t) => dirColour(p.direction, t),
      },
      { title: 'Volume', width: 8, align: 'right', text: (p) => num(p.volume) },
      { title: 'Yd', width: 6, align: 'right', text: (p) => num(p.ydVolume) },
      { title: 'Frozen', width: 6, align: 'right', text: (p) => num(p.frozen) },
      {
        title: 'Price',
        width: 10,
        align: 'right',
        text: (p) => px.format(p.vtSymbol, p.price, false, p.gatewayName),
      },
      {
        title: 'PnL',
        width: 11,
        align: 'right',
        text: (p) => p.pnl.toFixed(2),
        colour: (p, t) => (p.pnl > 0 ? t.up : p.pnl < 0 ? t.down : ''),
      },
      { title: 'Gateway', width: 8, text: (p) => p.gatewayName },
    ],
  });
  const accounts = new DataTable<AccountData>({
    parent,
    theme,
    keyOf: (a) => a.vtAccountid,
    columns: [
      { title: 'Account', width: 12, text: (a) => a.accountid },
      { title: 'Balance', width: 14, align: 'right', text: (a) => a.balance.toFixed(2) },
      { title: 'Frozen', width: 12, align: 'right', text: (a) => a.frozen.toFixed(2) },
      { title: 'Available', width: 14, align: 'right', text: (a) => a.available.toFixed(2) },
      {
        title: 'Float PnL',
        width: 11,
        align: 'right',
        // The sum of the positions' PnL as marked live (OMS), so the two tables always agree.
        text: (a) => mainEngine.oms.floatingPnl(a).toFixed(2),
        colour: (a, t) => {
          const f = mainEngine.oms.floatingPnl(a);
          return f > 0 ? t.up : f < 0 ? t.down : '';
        },
      },
      { title: 'Ccy', width: 5, text: (a) => a.currency },
      { title: 'Gateway', width: 8, text: (a) => a.gatewayName },
    ],
  });
  const log = new DataTable<LogRow>({
    parent,
    theme,
    keyOf: (r) => String(r.seq),
    newestFirst: true,
    maxRows: LOG_ROWS,
    columns: [
      { title: 'Time', width: 8, text: (r) => formatTime(r.log.datetime) },
      { title: 'Level', width: 5, text: (r) => (LogLevel[r.log.level] ?? String(r.log.level)).slice(0, 5) },
      { title: 'Source', width: 8, text: (r) => r.log.gatewayName },
      { title: 'Message', width: 20, grow: true, text: (r) => redact(r.log.msg) },
    ],
  });
  return { ticks, active, orders, trades, positions, accounts, log };
}

/** Feeds the monitors from the event engine; returns a function that unregisters everything. */
export function connectMonitors(
  m: Monitors,
  mainEngine: MainEngine,
  changed: () => void,
  times: OrderTimes = new OrderTimes(),
): () => void {
  const ee = mainEngine.eventEngine;
  let seq = 0;
  const onTick = (e: { data: TickData }): void => {
    const prev = m.ticks.get(tickKey(e.data));
    const trend = prev ? Math.sign(e.data.lastPrice - prev.tick.lastPrice) || prev.trend : 0;
    m.ticks.upsert({ tick: e.data, trend });
    changed();
  };
  const onOrder = (e: { data: OrderData }): void => {
    times.note(e.data);
    m.orders.upsert(e.data);
    if (isActive(e.data)) m.active.upsert(e.data);
    else m.active.remove(e.data.vtOrderid);
    changed();
  };
  const onTrade = (e: { data: TradeData }): void => {
    m.trades.upsert(e.data);
    changed();
  };
  const onPosition = (e: { data: PositionData }): void => {
    m.positions.upsert(e.data);
    const gw = e.data.gatewayName;
    m.accounts.touch((a) => a.gatewayName === gw);
    changed();
  };
  const onAccount = (e: { data: AccountData }): void => {
    m.accounts.upsert(e.data);
    changed();
  };
  const onLog = (e: { data: LogData }): void => {
    m.log.upsert({ seq: seq++, log: e.data });
    changed();
  };
  ee.register('tick', onTick);
  ee.register('order', onOrder);
  ee.register('trade', onTrade);
  ee.register('position', onPosition);
  ee.register('account', onAccount);
  ee.register('log', onLog);
  return () => {
    ee.unregister('tick', onTick);
    ee.unregister('order', onOrder);
    ee.unregister('trade', onTrade);
    ee.unregister('position', onPosition);
    ee.unregister('account', onAccount);
    ee.unregister('log', onLog);
  };
}
