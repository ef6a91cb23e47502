// The console's screen: which widgets exist, where they sit at this terminal size, where each key goes, and
// one draw per frame. Process concerns (bootstrap, signals, restoring the terminal) are in app.ts; the palette
// commands in commands.ts.
import blessed from 'blessed';
import { Direction, GatewayStatus, Interval, INTERVAL_MS, LogLevel, Status } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { errorMessage, RequestError } from '../core/errors.js';
import { tradingLot } from '../core/validate.js';
import { label } from '../core/labels.js';
import type {
  BarData,
  ContractData,
  GatewayStatusData,
  OrderData,
  OrderRequest,
  PositionData,
  TickData,
  TradeData,
} from '../core/object.js';
import { cancelRequestFor, isActive, makeVtSymbol } from '../core/object.js';
import { redact } from '../core/redact.js';
import type { GatewaySetting } from '../core/setting-schema.js';
import type { TraderDir } from '../core/settings.js';
import { ChooseDialog } from './dialogs/choose.js';
import { AmendDialog, amendModeOf, type AmendMode, type AmendValues } from './dialogs/amend.js';
import { ConfirmDialog } from './dialogs/confirm.js';
import { DetailDialog } from './dialogs/detail.js';
import { ColumnsDialog } from './dialogs/columns.js';
import { PinyinIndex } from './pinyin.js';
import { contractInfo } from './contract-info.js';
import { orderCostRecord } from './order-cost.js';
import { ConnectForm } from './dialogs/connect-form.js';
import { HelpDialog } from './dialogs/help.js';
import type { Layer, LayerHost } from './dialogs/layer.js';
import { CommandPalette, type Completer } from './dialogs/palette.js';
import { SearchDialog } from './dialogs/search.js';
import { FilterLine } from './dialogs/filter.js';
import { Frames } from './frames.js';
import { speedUpBlessed } from './blessed-speed.js';
import { computeLayout, MIN_HEIGHT, MIN_WIDTH, type Rect } from './layout.js';
import type { Key } from './keys.js';
import {
  areaOf,
  innerArea,
  parseMouse,
  pointIn,
  segmentAt,
  WHEEL_ROWS,
  withoutReports,
  type MouseEvent,
} from './mouse.js';
import {
  connectMonitors,
  createMonitors,
  isLive,
  OrderTimes,
  TABS,
  type MonitorName,
  type Monitors,
} from './monitors.js';
import { statusLine, type GatewayState } from './status-bar.js';
import type { DataTable } from './table.js';
import { displayWidth, fit, formatDateTime, formatTime, wrap } from './text.js';
import { Ticket } from './ticket.js';
import { depthBoxRows, PriceHistory, TicketView, wantedDepthLevels } from './ticket-view.js';
import { bold, esc, paint, type Theme } from './theme.js';
import { describeAlert, PriceAlerts } from './alerts.js';
import { summarise, summaryRecord } from './summary.js';
import { closingOrders, reversingOrders } from './flatten.js';
import { bandRefusal, limitFor, limitWarnings, loadOrderLimits, type OrderLimits } from './order-limits.js';
import { Ladder } from './ladder.js';
import { LadderView, offsetStatus } from './ladder-view.js';
import { CandleSeries } from './candles.js';
import { CHART_INTERVALS, ChartView } from './chart-view.js';
import { EarlierBars } from './chart-history.js';
import {
  PendingListings,
  readWorkspace,
  workspaceSettings,
  type ChartPlace,
  type Listing,
} from './workspace.js';

export interface ConsoleOptions {
  screen: blessed.Widgets.Screen;
  mainEngine: MainEngine;
  traderDir: TraderDir | undefined;
  theme: Theme;
  /** Runs a palette command; resolves to the text to show the person. */
  runCommand: (text: string, ui: Console) => Promise<string> | string;
  commandNames: readonly string[];
  /** Completes the last word of a palette line (symbols, order ids, gateways...). */
  complete?: Completer;
  /** The person confirmed quitting. */
  onQuit: () => void;
}

type Focus = 'table' | 'ticket';
/** What the tables' panel shows: the tables (tabs 1-7), the price ladder or the candle chart of a contract. */
export type PanelView = 'tables' | 'ladder' | 'chart';

/** Bars asked of queryHistory when a chart opens: more than the widest terminal shows. */
const CHART_HISTORY_BARS = 300;

export class Console implements LayerHost {
  readonly screen: blessed.Widgets.Screen;
  readonly mainEngine: MainEngine;
  theme: Theme;
  readonly ticket: Ticket;
  readonly frames: Frames;
  private readonly traderDir: TraderDir | undefined;
  private readonly options: ConsoleOptions;
  private readonly status: blessed.Widgets.BoxElement;
  private readonly hint: blessed.Widgets.BoxElement;
  /** Messages sit on the tables' bottom border, so the key hints below never change under a person's eyes. */
  private readonly flashBox: blessed.Widgets.BoxElement;
  /** The filter and sort of the table in view, on the tables' bottom edge at the left. */
  private readonly viewBox: blessed.Widgets.BoxElement;
  private readonly panel: blessed.Widgets.BoxElement;
  private readonly tooSmallBox: blessed.Widgets.BoxElement;
  private readonly monitors: Monitors;
  private readonly ticketView: TicketView;
  private readonly history = new PriceHistory();
  /** Each contract name's pinyin, worked out as the contract arrives, so a search keystroke only compares. */
  readonly pinyin = new PinyinIndex();
  private readonly layers: Layer[] = [];
  private readonly gateways = new Map<string, GatewayState>();
  private readonly commandHistory: string[] = [];
  private tab: MonitorName = 'ticks';
  private view: PanelView = 'tables';
  private ladder: Ladder | undefined;
  private readonly ladderView: LadderView;
  /**
   * The candle chart's listing and bars, where its bars come from when that needs saying, and the bars before
   * them (once the first history has come: until then there is no edge to scroll to).
   */
  private chart:
    { contract: ContractData; series: CandleSeries; note: string; earlier?: EarlierBars } | undefined;
  private readonly chartView: ChartView;
  /** The last session's tick rows and ticket listing, until their gateways list the contracts again. */
  private pendingSubscriptions = new PendingListings([]);
  private pendingTicket: Listing | undefined;
  private focus: Focus = 'table';
  private flash: { text: string; error: boolean; until: number } | undefined;
  /** Orders this person sent or acted on here: their fate is logged and shown. */
  private readonly mine = new Set<string>();
  private readonly lastStatus = new Map<string, Status>();
  private readonly orderTimes = new OrderTimes();
  /** Fat-finger limits (order_limits.json): above them a send needs a confirmation that says so. */
  private readonly limits: OrderLimits;
  readonly priceAlerts = new PriceAlerts();
  /** Which events ring the bell and flash the status bar (alert.* in vt_setting.json). */
  private readonly alertOn = { bell: true, fills: true, rejections: true };
  /** The status bar reads inverted until then: an alert seen out of the corner of an eye. */
  private alertUntil = 0;
  private rate = 0;
  private lastCount = 0;
  private lastRateAt = Date.now();
  private tooSmall = false;
  /** The last session ended on the ladder: it opens again once the saved ticket's contract is back. */
  private pendingLadder = false;
  /**
   * The last session's chart, kept for the next save until a chart is opened; `open` while it is still to be
   * opened again (the last session ended on it) once its contract is back.
   */
  private pendingChart: { place: ChartPlace; open: boolean } | undefined;
  /** Where the chart just reopened should scroll to once its history has come. */
  private chartRestore: { chart: NonNullable<Console['chart']>; at: number } | undefined;
  /** Depth levels a side the last layout made room for (ten once the ticket's venue sends them). */
  private depthLevels = wantedDepthLevels(undefined);
  private welcome: blessed.Widgets.BoxElement | undefined;
  /** Mouse reporting asked for at start (ui.mouse in vt_setting.json, on unless turned off). */
  private mouseAtStart = true;
  private readonly clock: NodeJS.Timeout;
  private readonly disconnect: () => void;

  constructor(options: ConsoleOptions) {
    speedUpBlessed();
    this.options = options;
    this.screen = options.screen;
    this.mainEngine = options.mainEngine;
    this.traderDir = options.traderDir;
    this.theme = options.theme;
    const screen = this.screen;
    this.status = blessed.box({ parent: screen, top: 0, left: 0, height: 1, width: '100%', tags: true });
    this.hint = blessed.box({ parent: screen, bottom: 0, left: 0, height: 1, width: '100%', tags: true });
    this.flashBox = blessed.box({ parent: screen, height: 1, tags: true, hidden: true });
    this.viewBox = blessed.box({ parent: screen, height: 1, tags: true, hidden: true });
    this.panel = blessed.box({ parent: screen, tags: true, border: { type: 'line' } });
    this.monitors = createMonitors(
      this.panel,
      this.mainEngine,
      this.theme,
      // A view's link (RPC/SIM) is its gateway's (RPC).
      (name) => isLive(this.gateways.get(name.split('/', 1)[0]!)?.status),
      this.orderTimes,
    );
    this.ticket = new Ticket(this.mainEngine);
    this.ladderView = new LadderView(this.panel, this.mainEngine);
    this.chartView = new ChartView(this.panel);
    try {
      const g = this.traderDir?.loadGlobal();
      if (g) {
        this.mouseAtStart = g['ui.mouse'];
        Object.assign(this.alertOn, {
          bell: g['alert.bell'],
          fills: g['alert.fills'],
          rejections: g['alert.rejections'],
        });
        for (const { name } of TABS) {
          (this.monitors[name] as DataTable<unknown>).setColumnsSetting(g[`columns.${name}`]);
        }
        const workspace = readWorkspace(g);
        for (const { name } of TABS) {
          const table = this.monitors[name] as DataTable<unknown>;
          table.setSortSetting(workspace.sorts[name]);
          table.setFilter(workspace.filters[name]);
          table.setSelectionSetting(workspace.selections[name]);
        }
        this.pendingLadder = workspace.view === 'ladder';
        if (workspace.chart) this.pendingChart = { place: workspace.chart, open: workspace.view === 'chart' };
        this.tab = workspace.tab;
        this.pendingSubscriptions = new PendingListings(workspace.subscriptions);
        this.pendingTicket = workspace.ticket;
      }
    } catch {
      // A broken vt_setting.json is reported where it is loaded at start; the defaults stand here.
    }
    const loaded = loadOrderLimits(this.traderDir);
    this.limits = loaded.limits;
    this.ticket.presetVolume = (c) => limitFor(this.limits, c.vtSymbol).volume;
    this.ticketView = new TicketView(screen, this.ticket, this.mainEngine, this.history, this.theme);
    this.tooSmallBox = blessed.box({
      parent: screen,
      top: 0,
      left: 0,
      width: '100%',
      height: '100%',
      tags: true,
      hidden: true,
    });
    this.frames = new Frames(() => this.draw());

    for (const g of this.mainEngine.getAllGateways())
      this.gateways.set(g.gatewayName, { status: g.status, message: '' });
    const ee = this.mainEngine.eventEngine;
    const onGateway = (e: { data: GatewayStatusData }): void => {
      const name = e.data.gatewayName;
      this.gateways.set(name, { status: e.data.status, message: e.data.message });
      // Prices of a gateway that went away stay on screen, marked stale; they come back live with it.
      this.monitors.ticks.touch((r) => r.tick.gatewayName === name);
      this.restoreListings();
      this.frames.request();
    };
    const onTick = (e: { data: TickData }): void => {
      this.history.push(e.data);
      this.chart?.series.onTick(e.data);
      this.ticket.onTick(e.data);
      for (const a of this.priceAlerts.check(e.data))
        this.alert(`alert ${describeAlert(a)}: last ${e.data.lastPrice} (${e.data.gatewayName})`, false);
    };
    const onOrder = (e: { data: OrderData }): void => {
      this.ticket.onOrder(e.data);
      this.reportOrder(e.data);
    };
    const onTrade = (e: { data: TradeData }): void => this.reportTrade(e.data);
    const onContract = (e: { data: ContractData }): void => {
      this.pinyin.add(e.data.name);
      this.restoreListings();
    };
    for (const c of this.mainEngine.getAllContracts()) this.pinyin.add(c.name);
    ee.register('contract', onContract);
    ee.register('gateway', onGateway);
    ee.register('tick', onTick);
    ee.register('order', onOrder);
    ee.register('trade', onTrade);
    const unhook = connectMonitors(
      this.monitors,
      this.mainEngine,
      () => this.frames.request(),
      this.orderTimes,
    );
    this.disconnect = () => {
      unhook();
      ee.unregister('contract', onContract);
      ee.unregister('gateway', onGateway);
      ee.unregister('tick', onTick);
      ee.unregister('order', onOrder);
      ee.unregister('trade', onTrade);
    };
    this.clock = setInterval(() => this.frames.request(), 1000);

    screen.on('keypress', (ch: string | undefined, key: Key) => this.onKey(ch, key ?? {}));
    screen.on('resize', () => {
      this.layout();
      this.frames.now();
    });
    this.applyTheme(this.theme);
    this.layout();
    screen.program.on('data', this.onInput);
    this.setMouse(this.mouseAtStart);
    if (loaded.error) this.notify(loaded.error, true);
    this.frames.now();
  }

  // ---- what other modules (commands, app) use --------------------------------------------------------------

  /** A short message over the tables' bottom edge (errors in the error colour), also written to the log. */
  notify(text: string, error = false): void {
    const safe = redact(text);
    this.flash = { text: safe, error, until: Date.now() + 6000 };
    this.mainEngine.writeLog(safe, 'UI', error ? LogLevel.ERROR : LogLevel.INFO);
    this.frames.now();
  }

  push(layer: Layer): void {
    this.layers.push(layer);
    this.frames.now();
  }

  close(layer: Layer): void {
    const i = this.layers.indexOf(layer);
    if (i >= 0) this.layers.splice(i, 1);
    layer.destroy();
    this.frames.now();
  }

  showTab(name: MonitorName): void {
    this.tab = name;
    this.view = 'tables';
    this.focus = 'table';
    this.layout();
  }

  /**
   * The price ladder of the ticket's contract (or of the selected tick row) in the tables' place; Esc goes
   * back to the tables.
   */
  openLadder(): void {
    const row = this.tab === 'ticks' && this.view === 'tables' ? this.monitors.ticks.selected() : undefined;
    const contract =
      this.ticket.contract() ??
      (row ? this.mainEngine.getContract(row.tick.vtSymbol, row.tick.gatewayName) : undefined);
    if (!contract) return this.notify('load a contract first (/ search, or Enter on a tick row)', true);
    if (contract.vtSymbol !== this.ticket.vtSymbol || contract.gatewayName !== this.ticket.gatewayName)
      this.ticket.load(contract);
    const same =
      this.ladder?.contract.vtSymbol === contract.vtSymbol &&
      this.ladder.contract.gatewayName === contract.gatewayName;
    if (!same)
      this.ladder = new Ladder(
        contract,
        limitFor(this.limits, contract.vtSymbol).volume ?? tradingLot(contract),
      );
    this.view = 'ladder';
    this.focus = 'table';
    this.layout();
  }

  /**
   * The candle chart of a contract (the given one, else the selected tick row's, else the ticket's) in the
   * tables' place: bars from queryHistory where the gateway serves history, built on by live ticks; Esc goes
   * back to the tables.
   */
  openChart(contract?: ContractData, interval?: Interval): void {
    const row = this.tab === 'ticks' && this.view === 'tables' ? this.monitors.ticks.selected() : undefined;
    const chosen =
      contract ??
      (row ? this.mainEngine.getContract(row.tick.vtSymbol, row.tick.gatewayName) : undefined) ??
      this.ticket.contract();
    if (!chosen) return this.notify('no contract: select a tick row or load one (/ search)', true);
    const wanted = interval ?? this.chart?.series.interval ?? Interval.MINUTE;
    const same =
      this.chart?.contract.vtSymbol === chosen.vtSymbol &&
      this.chart.contract.gatewayName === chosen.gatewayName &&
      this.chart.series.interval === wanted;
    if (!same) {
      this.chart = this.newChart(chosen, wanted);
      this.chartView.reset();
    }
    this.view = 'chart';
    this.focus = 'table';
    this.layout();
  }

  private newChart(contract: ContractData, interval: Interval): NonNullable<Console['chart']> {
    const series = new CandleSeries(contract.vtSymbol, contract.gatewayName, interval);
    const tick = this.mainEngine.getTick(contract.vtSymbol, contract.gatewayName);
    if (tick) series.onTick(tick);
    const chart: NonNullable<Console['chart']> = { contract, series, note: '' };
    const changed = (): void => this.frames.request();
    let history = false;
    try {
      history = this.mainEngine.getCapabilities(contract.gatewayName, contract.vtSymbol).history;
    } catch {
      // The gateway went away: live ticks are all there can be, and none will come until it is back.
    }
    if (!history) {
      chart.note = `live ticks only: ${contract.gatewayName} serves no history`;
      chart.earlier = new EarlierBars(series, undefined, changed);
      return chart;
    }
    const query = (start: number, end?: number): Promise<BarData[]> => {
      try {
        return this.mainEngine.queryHistory(
          { symbol: contract.symbol, exchange: contract.exchange, start, interval, ...(end ? { end } : {}) },
          contract.gatewayName,
        );
      } catch (error) {
        return Promise.reject(error);
      }
    };
    chart.note = 'loading history…';
    query(Date.now() - CHART_HISTORY_BARS * INTERVAL_MS[interval]).then(
      (bars) => {
        series.loadHistory(bars);
        chart.note = bars.length ? '' : 'no history bars: live ticks only';
        chart.earlier = new EarlierBars(series, query, changed, CHART_HISTORY_BARS);
        this.chartLoaded(chart);
        changed();
      },
      (error: unknown) => {
        chart.note = `history: ${errorMessage(error)}`;
        chart.earlier = new EarlierBars(series, query, changed, CHART_HISTORY_BARS);
        changed();
      },
    );
    return chart;
  }

  /** A key while the chart is in view; false when it is not a chart key (the table keys then apply). */
  private chartKey(ch: string | undefined, name: string): boolean {
    const interval = ch ? CHART_INTERVALS[ch] : undefined;
    if (interval && this.chart) {
      this.openChart(this.chart.contract, interval);
      return true;
    }
    if (name === 'escape') {
      this.showTab(this.tab);
      return true;
    }
    // Back through history: a bar with ← →, a screenful with PgUp PgDn, the oldest and the latest with Home End.
    const page = Math.max(1, this.chartView.shown - 1);
    const scroll: Record<string, number> = {
      left: 1,
      right: -1,
      pageup: page,
      pagedown: -page,
      home: Number.MAX_SAFE_INTEGER,
      end: -Number.MAX_SAFE_INTEGER,
    };
    if (scroll[name] !== undefined && this.chart) {
      this.chartView.scroll(scroll[name]);
      this.frames.now();
      return true;
    }
    return false;
  }

  /**
   * Subscribes the last session's listings whose gateway is live and knows the contract again, and loads the
   * last ticket's contract once it is known (unless the person loaded one first).
   */
  private restoreListings(): void {
    if (!this.pendingSubscriptions.size && !this.pendingTicket && !this.pendingChart?.open) return;
    const contractOf = (l: Listing): ContractData | undefined =>
      this.mainEngine.getContract(l.vtSymbol, l.gatewayName);
    const ready = (l: Listing): boolean =>
      isLive(this.gateways.get(l.gatewayName.split('/', 1)[0]!)?.status) && contractOf(l) !== undefined;
    for (const l of this.pendingSubscriptions.take(ready)) {
      const c = contractOf(l)!;
      try {
        this.mainEngine.subscribe({ symbol: c.symbol, exchange: c.exchange }, c.gatewayName);
      } catch (error) {
        this.notify(`${l.vtSymbol} (${l.gatewayName}) not subscribed again: ${errorMessage(error)}`, true);
      }
    }
    const t = this.pendingTicket;
    const contract = t && contractOf(t);
    if (t && this.ticket.vtSymbol) this.pendingTicket = undefined;
    else if (contract) {
      this.ticket.load(contract);
      this.pendingTicket = undefined;
      // The last session ended on this listing's ladder: back on it, unless the person has moved on.
      if (this.pendingLadder && this.view === 'tables') this.openLadder();
    }
    if (!this.pendingTicket) this.pendingLadder = false;
    const chart = this.pendingChart;
    const chartContract =
      chart?.open && ready(chart.place.listing) ? contractOf(chart.place.listing) : undefined;
    if (chart && chartContract) {
      chart.open = false;
      // Back on the last session's chart, unless the person has moved on (or the ladder came back first).
      if (this.view === 'tables') {
        this.openChart(chartContract, chart.place.interval);
        const at = chart.place.at;
        if (at !== 'live' && this.chart) this.chartRestore = { chart: this.chart, at };
      }
    }
  }

  /**
   * The first history of a chart has come: a chart reopened from the last session scrolls back to the bar it
   * showed last, unless the person has scrolled it meanwhile. A bar older than those first loaded has the bars
   * back to it loaded first; where that cannot be, the chart says so and shows the oldest bar it has.
   */
  private chartLoaded(chart: NonNullable<Console['chart']>): void {
    const restore = this.chartRestore;
    if (!restore || restore.chart !== chart) return;
    const settle = (): void => {
      if (this.chartRestore === restore) this.chartRestore = undefined;
      if (this.chart !== chart || this.chartView.back !== 0) return;
      this.chartView.reset(chart.series.candles().filter((c) => c.time > restore.at).length, restore.at);
    };
    // A view ending at the saved bar is full when as many bars as the widest view are older than it.
    const margin = Math.max(1, this.chartView.box.width as number);
    const older = chart.series.candles().filter((c) => c.time < restore.at).length;
    if (older >= margin || !chart.earlier) return settle();
    const when = formatDateTime(restore.at).slice(0, 16);
    chart.note = `loading history back to ${when}…`;
    void chart.earlier.reachBack(restore.at, margin).then((why) => {
      if (chart.note.startsWith('loading history back'))
        chart.note = why ? `saved place ${when} not restored: ${why}` : '';
      settle();
      this.frames.request();
    });
  }

  /** Where the chart is (or the last session's, not reopened yet): listing, interval, and scroll. */
  private chartPlace(): ChartPlace | undefined {
    const chart = this.chart;
    if (!chart) return this.pendingChart?.place;
    const listing = { gatewayName: chart.contract.gatewayName, vtSymbol: chart.contract.vtSymbol };
    const interval = chart.series.interval;
    // Still waiting for its history: where it is going.
    if (this.chartRestore?.chart === chart) return { listing, interval, at: this.chartRestore.at };
    // As last drawn: a live bar added since has not moved the view.
    const candles = chart.series.candles();
    const drawn =
      this.chartView.back > 0 ? candles[candles.length - 1 - this.chartView.back]?.time : undefined;
    const newest = this.chartView.newestShown ?? drawn;
    return { listing, interval, at: newest ?? 'live' };
  }

  /**
   * Keeps the workspace for the next start (vt_setting.json): the tab in view, the tick rows' listings (and
   * those of the last session still waiting for their gateway), the ticket's listing and each table's sort.
   */
  saveWorkspace(): void {
    const dir = this.traderDir;
    if (!dir) return;
    const rows = this.monitors.ticks.all().map((r) => ({
      gatewayName: r.tick.gatewayName,
      vtSymbol: r.tick.vtSymbol,
    }));
    const t = this.ticket;
    const perTab = (get: (table: DataTable<unknown>) => string) =>
      Object.fromEntries(
        TABS.map((x) => [x.name, get(this.monitors[x.name] as DataTable<unknown>)]),
      ) as Record<MonitorName, string>;
    const workspace = workspaceSettings({
      tab: this.tab,
      ticket: t.vtSymbol ? { gatewayName: t.gatewayName, vtSymbol: t.vtSymbol } : this.pendingTicket,
      subscriptions: [...rows, ...this.pendingSubscriptions.all()],
      sorts: perTab((table) => table.sortSetting()),
      filters: perTab((table) => table.filter),
      selections: perTab((table) => table.selectionSetting()),
      // A view of the last session still waiting for its contract is kept for the next one.
      view:
        this.view !== 'tables'
          ? this.view
          : this.pendingChart?.open
            ? 'chart'
            : this.pendingLadder
              ? 'ladder'
              : 'tables',
      chart: this.chartPlace(),
    });
    try {
      dir.saveGlobal({ ...dir.loadGlobal(), ...workspace });
    } catch (error) {
      // A broken vt_setting.json is never overwritten; the log says why nothing was kept.
      this.mainEngine.writeLog(`workspace not saved: ${errorMessage(error)}`, 'UI', LogLevel.ERROR);
    }
  }

  /** The working orders and positions of the ladder's listing. */
  private ladderState(ladder: Ladder): { ladder: Ladder; orders: OrderData[]; positions: PositionData[] } {
    const c = ladder.contract;
    return {
      ladder,
      orders: this.mainEngine.getAllActiveOrders(c.vtSymbol).filter((o) => o.gatewayName === c.gatewayName),
      positions: this.mainEngine
        .getAllPositions()
        .filter((p) => p.vtSymbol === c.vtSymbol && p.gatewayName === c.gatewayName),
    };
  }

  /** A key while the ladder is in view; false when it is not a ladder key (the table keys then apply). */
  private ladderKey(ch: string | undefined, name: string): boolean {
    const ladder = this.ladder;
    if (!ladder) return false;
    const c = ladder.contract;
    const tick = this.mainEngine.getTick(c.vtSymbol, c.gatewayName);
    const state = this.ladderState(ladder);
    const trade = (direction: Direction, at: 'cursor' | 'best'): void => {
      const built = ladder.order(
        direction,
        at,
        tick,
        state.positions,
        this.mainEngine.getCapabilities(c.gatewayName, c.vtSymbol),
      );
      if ('error' in built) return this.notify(built.error, true);
      const beyond = this.bandRefusal(built, c.gatewayName);
      if (beyond) return this.notify(beyond, true);
      this.confirmOrder(built, c.gatewayName, this.orderWarnings(built, c.gatewayName), () => {
        try {
          const id = this.placeOrder(built, c.gatewayName, 'ladder');
          this.notify(`sent ${describeRequest(built, c.gatewayName)}: ${id}`);
        } catch (error) {
          this.notify(errorMessage(error), true);
        }
      });
    };
    if (ch && /^[1-6]$/.test(ch)) {
      ladder.preset(Number(ch));
      return true;
    }
    switch (ch ?? name) {
      case 'b':
        trade(Direction.LONG, 'cursor');
        return true;
      case 's':
        trade(Direction.SHORT, 'cursor');
        return true;
      case 'B':
        trade(Direction.LONG, 'best');
        return true;
      case 'S':
        trade(Direction.SHORT, 'best');
        return true;
      case '+':
      case '=':
        ladder.step(1);
        return true;
      case '-':
      case '_':
        ladder.step(-1);
        return true;
      case 'l':
      case '.':
        if (!ladder.centre(tick)) this.notify('no price yet');
        return true;
      case 'k':
        ladder.level(1, tick, state.orders);
        return true;
      case 'j':
        ladder.level(-1, tick, state.orders);
        return true;
      case 'x': {
        const at = ladder.ordersAtCursor(state.orders);
        if (!at.length) this.notify('no working order at this price');
        for (const o of at) this.cancelOrder(o);
        return true;
      }
      case 'X':
        this.confirmCancelAll(c.vtSymbol);
        return true;
      case 'F':
      case 'R': {
        const mode = ch === 'F' ? 'flatten' : 'reverse';
        this.flattenPositions(state.positions, mode, `${c.vtSymbol} (${c.gatewayName})`);
        return true;
      }
      default:
        break;
    }
    switch (name) {
      case 'up':
        ladder.level(1, tick, state.orders);
        return true;
      case 'down':
        ladder.level(-1, tick, state.orders);
        return true;
      case 'pageup':
        ladder.step(this.ladderView.bodyRows() - 1);
        return true;
      case 'pagedown':
        ladder.step(-(this.ladderView.bodyRows() - 1));
        return true;
      case 'escape':
        this.showTab(this.tab);
        return true;
      default:
        return false;
    }
  }

  applyTheme(theme: Theme): void {
    this.theme = theme;
    for (const t of Object.values(this.monitors) as DataTable<unknown>[]) t.setTheme(theme);
    this.ticketView.applyTheme(theme);
    this.panel.style.fg = theme.fg || 'default';
    this.status.style.fg = theme.fg || 'default';
    this.hint.style.fg = theme.fg || 'default';
    this.frames.now();
  }

  openConnect(gatewayName?: string): void {
    const names = this.mainEngine.getAllGatewayNames();
    if (names.length === 0) return this.notify('no gateway is installed', true);
    if (!gatewayName) {
      if (names.length === 1) return this.openConnect(names[0]);
      return this.push(new ChooseDialog(this, 'Connect which gateway?', names, (n) => this.openConnect(n)));
    }
    const gateway = this.mainEngine.getGateway(gatewayName);
    this.push(
      new ConnectForm(
        this,
        gateway.gatewayName,
        gateway.gatewayClass.defaultSetting,
        this.traderDir,
        (setting) => this.connect(gateway.gatewayName, setting),
      ),
    );
  }

  /** Connects in the background; success and failure both end up on screen, neither can crash the console. */
  connect(gatewayName: string, setting: GatewaySetting): Promise<boolean> {
    this.notify(`connecting ${gatewayName}…`);
    return this.mainEngine.connect(setting, gatewayName).then(
      () => {
        this.notify(`${gatewayName} connected`);
        return true;
      },
      (error: unknown) => {
        this.notify(errorMessage(error), true);
        return false;
      },
    );
  }

  openSearch(): void {
    this.push(new SearchDialog(this, this.mainEngine, this.pinyin, (c) => this.loadContract(c)));
  }

  loadContract(contract: ContractData): void {
    this.ticket.load(contract);
    this.ticket.field = 'price';
    this.focus = 'ticket';
    this.frames.now();
  }

  /** Cancels every active order (of one contract if given), after asking. */
  confirmCancelAll(vtSymbol = ''): void {
    const n = this.mainEngine.getAllActiveOrders(vtSymbol).length;
    if (n === 0) return this.notify('no active orders to cancel');
    const what = `${n} active order${n === 1 ? '' : 's'}${vtSymbol ? ` of ${vtSymbol}` : ''}`;
    this.push(
      new ConfirmDialog(this, `Cancel all ${what}?`, () => {
        const sent = this.mainEngine.cancelAll(vtSymbol);
        this.notify(`sent ${sent} cancel${sent === 1 ? '' : 's'}`);
      }),
    );
  }

  showHelp(): void {
    this.push(new HelpDialog(this));
  }

  requestQuit(): void {
    const n = this.mainEngine.getAllActiveOrders().length;
    if (n === 0) return this.options.onQuit();
    this.push(
      new ConfirmDialog(
        this,
        `${n} order${n === 1 ? ' is' : 's are'} still active (they stay at the venue). Quit?`,
        () => this.options.onQuit(),
      ),
    );
  }

  cancelOrder(order: OrderData): void {
    this.mine.add(order.vtOrderid);
    try {
      this.mainEngine.cancelOrder(cancelRequestFor(order), order.gatewayName);
    } catch (error) {
      throw new Error(`cancel ${order.vtOrderid} refused: ${errorMessage(error)}`);
    }
    this.notify(`cancel sent for ${order.vtOrderid}`);
  }

  /**
   * Sends an order the person asked for (ticket or palette) and logs it; a refusal is logged with its reason
   * and thrown on. What becomes of the order (accepted, filled, rejected, cancelled) is logged as it happens.
   */
  placeOrder(req: OrderRequest, gatewayName: string, via: string): string {
    const what = describeRequest(req, gatewayName);
    let vtOrderid: string;
    try {
      const beyond = this.bandRefusal(req, gatewayName);
      if (beyond) throw new RequestError(beyond);
      vtOrderid = this.mainEngine.sendOrder(req, gatewayName);
    } catch (error) {
      this.mainEngine.writeLog(`${via}: ${what} refused: ${errorMessage(error)}`, 'UI', LogLevel.ERROR);
      throw error;
    }
    this.mine.add(vtOrderid);
    this.mainEngine.writeLog(`${via}: sent ${what}: ${vtOrderid}`, 'UI');
    return vtOrderid;
  }

  /** Asks before an order goes out: what, where, how much (and any limit it goes past); only y sends. */
  confirmOrder(req: OrderRequest, gatewayName: string, warnings: string[], send: () => void): void {
    this.push(
      new ConfirmDialog(this, `Send ${describeRequest(req, gatewayName)}?`, send, {
        strict: true,
        warnings,
        title: 'Send order',
      }),
    );
  }

  /**
   * Flattens (or reverses) positions after one confirmation that lists every order it will send: per
   * position, per symbol, per gateway or all, as the caller chose them.
   */
  flattenPositions(positions: readonly PositionData[], mode: 'flatten' | 'reverse', what: string): void {
    const orders: Array<{ req: OrderRequest; gatewayName: string }> = [];
    const problems: string[] = [];
    for (const position of positions) {
      if (position.volume === 0) continue;
      const gw = position.gatewayName;
      const contract = this.mainEngine.getContract(position.vtSymbol, gw);
      let capabilities;
      try {
        capabilities = this.mainEngine.getCapabilities(gw, position.vtSymbol);
      } catch (error) {
        problems.push(`${position.vtSymbol} (${gw}): ${errorMessage(error)}`);
        continue;
      }
      if (!contract) {
        problems.push(`${position.vtSymbol} (${gw}): unknown contract`);
        continue;
      }
      const listing = {
        position,
        contract,
        capabilities,
        tick: this.mainEngine.getTick(position.vtSymbol, gw),
      };
      const built = mode === 'flatten' ? closingOrders(listing) : reversingOrders(listing);
      if ('error' in built) problems.push(`${position.vtSymbol} (${gw}): ${built.error}`);
      else for (const req of built) orders.push({ req, gatewayName: gw });
    }
    if (orders.length === 0)
      return this.notify(`${mode} ${what}: ${problems.join('; ') || 'no position'}`, problems.length > 0);
    const n = `${orders.length} order${orders.length === 1 ? '' : 's'}`;
    this.push(
      new ConfirmDialog(
        this,
        `${mode === 'flatten' ? 'Flatten' : 'Reverse'} ${what}: send ${n}?`,
        () => {
          let sent = 0;
          for (const o of orders) {
            try {
              this.placeOrder(o.req, o.gatewayName, mode);
              sent++;
            } catch (error) {
              this.notify(errorMessage(error), true);
            }
          }
          if (sent) this.notify(`${mode} ${what}: sent ${sent} of ${n}`);
        },
        {
          strict: true,
          title: mode === 'flatten' ? 'Flatten' : 'Reverse',
          details: orders.map((o) => describeRequest(o.req, o.gatewayName)),
          warnings: problems,
        },
      ),
    );
  }

  /**
   * Every field of one listing, its gateway's abilities, the limits, what is held and the last tick; kept
   * current while open (rates and hours a gateway asks for after listing the contract arrive later).
   */
  showContractInfo(contract: ContractData): void {
    const current = (): ContractData =>
      this.mainEngine.getContract(contract.vtSymbol, contract.gatewayName) ?? contract;
    this.push(
      new DetailDialog(this, `${contract.vtSymbol} ${contract.name} (${contract.gatewayName})`, () =>
        contractInfo(this.mainEngine, current(), this.limits),
      ),
    );
  }

  /**
   * An order (the ticket's unless given) as the venue would take it — margin and commission — asked of its gateway without
   * sending (IB's what-if order); the reason where the ticket is not ready or the gateway cannot tell.
   */
  async showOrderCost(order?: { req: OrderRequest; gatewayName: string }): Promise<string> {
    const built = order ?? this.ticket.build();
    if ('error' in built) throw new RequestError(built.error);
    const cost = await this.mainEngine.queryOrderCost(built.req, built.gatewayName);
    this.push(new DetailDialog(this, `What-if (${cost.gatewayName})`, orderCostRecord(built.req, cost)));
    this.frames.request();
    return '';
  }

  /** Per gateway and currency: balance, available, frozen, floating PnL, positions, orders, trades, turnover. */
  showSummary(): void {
    this.push(new DetailDialog(this, 'Summary per gateway', () => summaryRecord(summarise(this.mainEngine))));
  }

  /** C: which columns the table in view shows, in what order; each change is saved (columns.<tab>). */
  private openColumns(): void {
    const tab = this.tab;
    const table = this.currentTable();
    const title = TABS.find((t) => t.name === tab)!.title;
    this.push(
      new ColumnsDialog(this, title, table, () => {
        const dir = this.traderDir;
        if (!dir) return;
        try {
          dir.saveGlobal({ ...dir.loadGlobal(), [`columns.${tab}`]: table.columnsSetting() });
        } catch (error) {
          this.notify(`columns not saved: ${errorMessage(error)}`, true);
        }
      }),
    );
  }

  /** A filter line for the table in view; the rows follow what is typed. */
  openFilter(): void {
    const table = this.currentTable();
    const title = TABS.find((t) => t.name === this.tab)!.title;
    this.push(
      new FilterLine(this, title.toLowerCase(), table.filter, (text) => {
        table.setFilter(text);
        this.frames.request();
      }),
    );
  }

  /** Flatten or reverse the position selected on the positions tab (F, R). */
  private flattenSelected(mode: 'flatten' | 'reverse'): void {
    if (this.tab !== 'positions')
      return this.notify(`${mode === 'flatten' ? 'F' : 'R'} works on a position: go to tab 5`);
    const position = this.monitors.positions.selected();
    if (!position) return this.notify('no position selected');
    this.flattenPositions([position], mode, `${position.vtSymbol} (${position.gatewayName})`);
  }

  /** Opens the amend form for a working order; Enter there sends the amend (or cancel-and-replace). */
  openAmend(order: OrderData): void {
    if (!isActive(order))
      return this.notify(`${order.vtOrderid} is ${label('Status', order.status)}: nothing to amend`, true);
    let mode: AmendMode = 'cancel and replace';
    try {
      mode = amendModeOf(this.mainEngine.getCapabilities(order.gatewayName, order.vtSymbol));
    } catch {
      // An unknown gateway: the amend itself will say so.
    }
    this.push(new AmendDialog(this, order, mode, (values) => this.amendOrder(order, values)));
  }

  amendOrder(order: OrderData, values: AmendValues): void {
    this.mine.add(order.vtOrderid);
    const what = [
      values.price !== undefined ? `price ${values.price}` : '',
      values.volume !== undefined ? `volume ${values.volume}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    let pending: Promise<string>;
    try {
      pending = this.mainEngine.amendOrder(
        { orderid: order.orderid, symbol: order.symbol, exchange: order.exchange, ...values },
        order.gatewayName,
      );
    } catch (error) {
      return this.notify(`amend ${order.vtOrderid} refused: ${errorMessage(error)}`, true);
    }
    this.notify(`amend sent for ${order.vtOrderid}: ${what}`);
    pending.then(
      (vt) => {
        this.mine.add(vt);
        if (vt !== order.vtOrderid) this.notify(`${order.vtOrderid} replaced by ${vt} (${what})`);
      },
      (error: unknown) => this.notify(`amend ${order.vtOrderid} failed: ${errorMessage(error)}`, true),
    );
  }

  private reportOrder(order: OrderData): void {
    if (!this.mine.has(order.vtOrderid)) return;
    const before = this.lastStatus.get(order.vtOrderid);
    if (before === order.status) return;
    this.lastStatus.set(order.vtOrderid, order.status);
    const what = `${order.vtOrderid} ${label('Direction', order.direction)} ${order.volume} ${order.vtSymbol}`;
    if (order.status === Status.REJECTED) {
      const text = `${what} rejected: ${order.statusMsg || 'no reason given'}`;
      if (this.alertOn.rejections) this.alert(text, true);
      else this.notify(text, true);
    } else if (order.status === Status.CANCELLED) {
      const why = order.statusMsg ? `: ${order.statusMsg}` : '';
      this.notify(`${what} cancelled, ${order.traded} traded${why}`);
    } else if (order.status === Status.NOTTRADED && before === Status.SUBMITTING) {
      this.mainEngine.writeLog(`${what} accepted by the venue`, 'UI');
    }
  }

  private reportTrade(trade: TradeData): void {
    if (!this.mine.has(trade.vtOrderid)) return;
    const text = `filled ${label('Direction', trade.direction)} ${trade.volume} ${trade.vtSymbol} @ ${trade.price} (${trade.vtOrderid}, trade ${trade.vtTradeid})`;
    if (this.alertOn.fills) this.alert(text, false);
    else this.notify(text);
  }

  /** A message that must be noticed: the bell (unless alert.bell is off), the status bar flashed, the text. */
  alert(text: string, error: boolean): void {
    if (this.alertOn.bell) this.screen.program.write('\x07');
    this.alertUntil = Date.now() + 1500;
    this.notify(text, error);
  }

  destroy(): void {
    // The terminal's mouse back before the shell after vnt: it selects text again.
    this.setMouse(false);
    this.screen.program.removeListener('data', this.onInput);
    this.frames.stop();
    clearInterval(this.clock);
    this.disconnect();
  }

  // ---- mouse -----------------------------------------------------------------------------------------------

  /**
   * Reads mouse reports out of the raw input. blessed's keys drop a whole chunk that holds one, so no report
   * ever reaches onKey; what was typed in the same chunk is handed back to blessed without the reports, so no
   * key is lost either (also with reporting off, should a report come anyway). Reports act only while on.
   */
  private readonly onInput = (data: Buffer | string): void => {
    // Byte for byte: an X10 report's coordinates are bytes, not UTF-8.
    const text = typeof data === 'string' ? data : data.toString('latin1');
    if (!text.includes('\x1b[')) return;
    const typed = withoutReports(text);
    if (typed === text) return;
    if (this.mouseReporting) for (const event of parseMouse(text)) this.onMouse(event);
    // Holds no report now, so blessed reads it as keys and this handler finds nothing in it.
    if (typed) this.screen.program.input.emit('data', Buffer.from(typed, 'latin1'));
  };

  private reporting = false;

  /** Whether the terminal is asked for mouse reports (ui.mouse, :mouse). */
  get mouseReporting(): boolean {
    return this.reporting;
  }

  /** `:mouse on|off`: press/release and wheel reports asked for (SGR where the terminal has it), or not. */
  setMouse(on: boolean): void {
    if (on === this.reporting) return;
    this.reporting = on;
    // Through blessed's mode switch, so that its pause and exit know of it too.
    if (on) this.screen.program.setMouse({ vt200Mouse: true, sgrMouse: true }, true);
    else this.screen.program.disableMouse();
  }

  private onMouse(event: MouseEvent): void {
    try {
      if (!this.routeMouse(event)) return;
    } catch (error) {
      this.notify(errorMessage(error), true);
    }
    this.frames.now();
  }

  /**
   * Where a press or a wheel notch lands. Only the left button's press acts (a release, a drag or another
   * button does nothing); nothing here sends an order. True when something may have changed on screen.
   */
  private routeMouse(ev: MouseEvent): boolean {
    const wheel = ev.action === 'wheelup' ? -1 : ev.action === 'wheeldown' ? 1 : 0;
    const click = ev.action === 'press' && ev.button === 'left';
    // The "too small" screen covers everything, dialogs included: nothing there to click.
    if ((!wheel && !click) || this.tooSmall) return false;
    const top = this.layers[this.layers.length - 1];
    if (top) {
      // A dialog takes the mouse as it takes the keys: what is behind it cannot be clicked.
      top.handleMouse?.(ev);
      return true;
    }
    if (this.flashBox.visible && pointIn(areaOf(this.flashBox), ev.x, ev.y)) return false;
    const panel = areaOf(this.panel);
    // The tab bar is the panel's label, two cells in from its corner.
    if (ev.y === panel.top && click) return this.clickTab(ev.x - panel.left - 2);
    const inPanel = pointIn(innerArea(panel), ev.x, ev.y);
    if (inPanel) return this.panelMouse(inPanel.row, wheel);
    if (!click) return false;
    const depth = this.ticketView.depth;
    const inDepth = depth.visible ? pointIn(innerArea(areaOf(depth)), ev.x, ev.y) : undefined;
    if (inDepth) return this.clickDepth(inDepth.row);
    const inForm = pointIn(innerArea(areaOf(this.ticketView.form)), ev.x, ev.y);
    if (inForm) return this.clickForm(inForm.row);
    return false;
  }

  private clickTab(col: number): boolean {
    if (this.view !== 'tables') {
      // " L Ladder " then " Esc tables ": the second goes back, as Esc does.
      if (segmentAt([' L Ladder ', ' Esc tables '], col) !== 1) return false;
      this.showTab(this.tab);
      return true;
    }
    const i = segmentAt(this.tabTexts(), col);
    if (i === undefined) return false;
    this.showTab(TABS[i]!.name);
    return true;
  }

  /** A click or the wheel inside the tables' panel: a row, a ladder price, the chart. */
  private panelMouse(row: number, wheel: -1 | 0 | 1): boolean {
    if (this.view === 'chart') {
      // Up goes back in time, as scrolling up a history does.
      if (wheel) this.chartView.scroll(-wheel * WHEEL_ROWS);
      return wheel !== 0;
    }
    if (this.view === 'ladder') {
      const ladder = this.ladder;
      if (!ladder) return false;
      if (wheel) {
        ladder.step(-wheel);
        return true;
      }
      const price = this.ladderView.rowPriceAt(row, this.ladderState(ladder));
      if (price === undefined) return false;
      ladder.cursor = price;
      const c = ladder.contract;
      // The ticket takes the price only when it trades the ladder's listing.
      if (c.vtSymbol === this.ticket.vtSymbol && c.gatewayName === this.ticket.gatewayName)
        this.ticket.setPrice(price, 'the ladder');
      return true;
    }
    const table = this.currentTable();
    if (wheel) {
      table.move(wheel * WHEEL_ROWS);
      return true;
    }
    const hit = table.clickLine(row);
    if (!hit) return false;
    this.focus = 'table';
    // A second click on the row (or a double click) does what Enter does: a tick row loads the ticket.
    if (hit === 'again') this.enterOnRow();
    return true;
  }

  /** A depth level's price into the ticket (as a limit, to be reviewed with Enter like any typed price). */
  private clickDepth(row: number): boolean {
    const level = this.ticketView.drawnLevels[row];
    if (!level || !this.ticket.setPrice(level.price, level.name)) return false;
    this.focus = 'ticket';
    return true;
  }

  private clickForm(row: number): boolean {
    const field = this.ticketView.formFields[row];
    this.focus = 'ticket';
    if (field && field !== 'name' && this.ticket.fields().includes(field)) this.ticket.field = field;
    return true;
  }

  // ---- keys ------------------------------------------------------------------------------------------------

  private onKey(ch: string | undefined, key: Key): void {
    // blessed reports Return twice, as "enter" and then "return"; act on the first only.
    if (key.name === 'return') return;
    try {
      this.route(ch, key);
    } catch (error) {
      this.notify(errorMessage(error), true);
    }
    this.frames.now();
  }

  private route(ch: string | undefined, key: Key): void {
    const name = key.full ?? key.name ?? '';
    if (name === 'C-c') return this.requestQuit();
    // The "too small" screen covers every dialog too, so no key may reach one the person cannot see.
    if (this.tooSmall) {
      if (ch === 'q' && !this.layers.length) this.requestQuit();
      return;
    }
    const top = this.layers[this.layers.length - 1];
    if (top) {
      top.handleKey(ch, key);
      return;
    }
    if (ch === '?') return this.showHelp();
    if (ch === ':') return this.openPalette();
    // `/` filters the table in view; on the ticks tab it finds contracts to add (f filters there too).
    if (ch === '/') return this.tab === 'ticks' ? this.openSearch() : this.openFilter();
    if (name === 'tab' || name === 'S-tab') return this.toggleFocus();
    if (this.focus === 'ticket') {
      if (name === 'escape') {
        this.focus = 'table';
        return;
      }
      const result = this.ticket.handleKey(ch, key);
      if (result === 'send') this.reviewTicket();
      return;
    }
    if (this.view === 'ladder' && this.ladderKey(ch, name)) return;
    if (this.view === 'chart' && this.chartKey(ch, name)) return;
    this.tableKey(ch, name);
  }

  private tableKey(ch: string | undefined, name: string): void {
    const table = this.currentTable();
    if (ch && /^[1-7]$/.test(ch)) return this.showTab(TABS[Number(ch) - 1]!.name);
    switch (ch ?? name) {
      case ']':
        return this.showTab(TABS[(this.tabIndex() + 1) % TABS.length]!.name);
      case '[':
        return this.showTab(TABS[(this.tabIndex() - 1 + TABS.length) % TABS.length]!.name);
      case 'j':
        return table.move(1);
      case 'k':
        return table.move(-1);
      case 'g':
        return table.home();
      case 'G':
        return table.end();
      case 'c':
        return this.openConnect();
      case 'x':
        return this.cancelSelected();
      case 'a':
        return this.amendSelected();
      case 'i':
        return this.showDetail();
      case 'X':
        return this.confirmCancelAll();
      case 'f':
        return this.openFilter();
      case 'C':
        return this.openColumns();
      case 's':
        return this.currentTable().cycleSort();
      case 'S':
        return this.currentTable().reverseSort();
      case 'L':
        return this.openLadder();
      case 'K':
        return this.openChart();
      case 'D':
        return this.pageDepth();
      case 'F':
        return this.flattenSelected('flatten');
      case 'R':
        return this.flattenSelected('reverse');
      case 'q':
        return this.requestQuit();
      default:
        break;
    }
    switch (name) {
      case 'down':
        return table.move(1);
      case 'up':
        return table.move(-1);
      case 'pagedown':
        return table.page(1);
      case 'pageup':
        return table.page(-1);
      case 'home':
        return table.home();
      case 'end':
        return table.end();
      case 'enter':
        return this.enterOnRow();
      default:
        break;
    }
  }

  /** D: the depth panel's next page of levels (6–10 after 1–5 where only five fit). */
  private pageDepth(): void {
    const why = this.ticketView.nextDepthPage();
    if (why) this.notify(why);
  }

  /** Enter on a row: a tick loads the ticket, a position pre-fills its close; any other row shows itself. */
  private enterOnRow(): void {
    if (this.tab === 'ticks') {
      const row = this.monitors.ticks.selected();
      const contract = row && this.mainEngine.getContract(row.tick.vtSymbol, row.tick.gatewayName);
      if (contract) this.loadContract(contract);
    } else if (this.tab === 'positions') {
      const position: PositionData | undefined = this.monitors.positions.selected();
      if (position && this.ticket.prefillClose(position)) this.focus = 'ticket';
    } else this.showDetail();
  }

  /** The selected row, whole: every field, however narrow its columns. */
  private showDetail(): void {
    const row = this.currentTable().selected() as Record<string, unknown> | undefined;
    if (!row) return this.notify('no row selected');
    if (this.tab === 'ticks') {
      const tick = this.monitors.ticks.selected()!.tick;
      const contract = this.mainEngine.getContract(tick.vtSymbol, tick.gatewayName);
      if (contract) return this.showContractInfo(contract);
    }
    const data =
      this.tab === 'ticks'
        ? (row['tick'] as Record<string, unknown>)
        : this.tab === 'log'
          ? (row['log'] as Record<string, unknown>)
          : row;
    const title = TABS.find((t) => t.name === this.tab)!.title;
    this.push(new DetailDialog(this, title, data));
  }

  private amendSelected(): void {
    if (this.tab !== 'active' && this.tab !== 'orders')
      return this.notify('a amends an order: go to tab 2 (active)');
    const order = (this.tab === 'active' ? this.monitors.active : this.monitors.orders).selected();
    if (!order) return this.notify('no order selected');
    this.openAmend(order);
  }

  /** Enter in the ticket: the order is checked, then shown for confirmation; only y sends it. */
  private reviewTicket(): void {
    const built = this.ticket.build();
    if ('error' in built) {
      this.ticket.message = { text: built.error, level: 'error' };
      return;
    }
    const beyond = this.bandRefusal(built.req, built.gatewayName);
    if (beyond) {
      this.ticket.message = { text: beyond, level: 'error' };
      return;
    }
    this.confirmOrder(built.req, built.gatewayName, this.orderWarnings(built.req, built.gatewayName), () => {
      this.ticket.send((req, gw) => this.placeOrder(req, gw, 'ticket'));
    });
  }

  /** What the confirmation should point out about an order before the person says yes. */
  orderWarnings(req: OrderRequest, gatewayName: string): string[] {
    const vt = makeVtSymbol(req.symbol, req.exchange);
    return limitWarnings(
      req,
      this.mainEngine.getContract(vt, gatewayName),
      this.mainEngine.getTick(vt, gatewayName),
      this.limits,
    );
  }

  /** A price beyond today's limit-up/limit-down of the listing's last tick: refused here, with the band. */
  private bandRefusal(req: OrderRequest, gatewayName: string): string | undefined {
    return bandRefusal(req, this.mainEngine.getTick(makeVtSymbol(req.symbol, req.exchange), gatewayName));
  }

  private cancelSelected(): void {
    if (this.tab !== 'active' && this.tab !== 'orders')
      return this.notify('x cancels an order: go to tab 2 (active)');
    const order = (this.tab === 'active' ? this.monitors.active : this.monitors.orders).selected();
    if (!order) return this.notify('no order selected');
    this.cancelOrder(order);
  }

  private openPalette(): void {
    this.push(
      new CommandPalette(
        this,
        this.options.commandNames,
        this.commandHistory,
        (text) => {
          Promise.resolve()
            .then(() => this.options.runCommand(text, this))
            .then(
              (result) => result && this.notify(result),
              (error: unknown) => this.notify(errorMessage(error), true),
            );
        },
        this.options.complete,
      ),
    );
  }

  private toggleFocus(): void {
    this.focus = this.focus === 'table' ? 'ticket' : 'table';
  }

  private tabIndex(): number {
    return TABS.findIndex((t) => t.name === this.tab);
  }

  private currentTable(): DataTable<unknown> {
    return this.monitors[this.tab] as DataTable<unknown>;
  }

  // ---- layout and drawing ----------------------------------------------------------------------------------

  private layout(): void {
    const spots = computeLayout(
      this.screen.width as number,
      this.screen.height as number,
      // The ladder and the chart want rows more than columns: a narrow terminal gives them its full height.
      this.view !== 'tables',
      depthBoxRows(this.depthLevels),
    );
    this.tooSmall = !spots;
    const main = [
      this.status,
      this.hint,
      this.flashBox,
      this.panel,
      this.ticketView.form,
      this.ticketView.depth,
      this.ticketView.chart,
    ];
    for (const el of main) spots ? el.show() : el.hide();
    if (spots) this.tooSmallBox.hide();
    else {
      // In front of everything, dialogs included: they come back as they were when the terminal grows.
      this.tooSmallBox.show();
      this.tooSmallBox.setFront();
    }
    if (!spots) return;
    const place = (el: blessed.Widgets.BoxElement, r: Rect): void => {
      el.top = r.top;
      el.left = r.left;
      el.width = r.width;
      el.height = r.height;
    };
    place(this.ticketView.form, spots.form);
    place(this.ticketView.depth, spots.depth);
    if (spots.depthHidden) this.ticketView.depth.hide();
    place(this.ticketView.chart, spots.chart);
    place(this.panel, spots.panel);
    const inner = { w: (this.panel.width as number) - 2, h: (this.panel.height as number) - 2 };
    for (const t of TABS) {
      const table = this.monitors[t.name] as DataTable<unknown>;
      // Children are placed relative to the panel's outer edge, so step inside its border.
      place(table.box, { top: 1, left: 1, width: inner.w, height: inner.h });
      if (t.name === this.tab && this.view === 'tables') table.box.show();
      else table.box.hide();
    }
    place(this.ladderView.box, { top: 1, left: 1, width: inner.w, height: inner.h });
    if (this.view === 'ladder') this.ladderView.box.show();
    else this.ladderView.box.hide();
    place(this.chartView.box, { top: 1, left: 1, width: inner.w, height: inner.h });
    if (this.view === 'chart') this.chartView.box.show();
    else this.chartView.box.hide();
  }

  private draw(): void {
    const now = Date.now();
    const t = this.ticket;
    const levels = wantedDepthLevels(
      t.vtSymbol ? this.mainEngine.getTick(t.vtSymbol, t.gatewayName) : undefined,
    );
    if (levels !== this.depthLevels) {
      this.depthLevels = levels;
      this.layout();
    }
    if (now - this.lastRateAt >= 1000) {
      const count = this.mainEngine.eventEngine.dispatchedCount;
      this.rate = ((count - this.lastCount) * 1000) / (now - this.lastRateAt);
      this.lastCount = count;
      this.lastRateAt = now;
    }
    const W = this.screen.width as number;
    if (this.tooSmall) {
      const H = this.screen.height as number;
      const msg = [
        bold('terminal too small'),
        `${W}x${H}: vnt needs at least ${MIN_WIDTH}x${MIN_HEIGHT}`,
        'enlarge the window, or press q to quit',
      ];
      this.tooSmallBox.setContent(
        '\n'.repeat(Math.max(0, Math.floor(H / 2) - 2)) + msg.map((l) => `{center}${l}{/center}`).join('\n'),
      );
    } else {
      const line = statusLine(this.gateways, this.rate, formatTime(now), W, this.theme);
      this.status.setContent(now < this.alertUntil ? `{inverse}${line}{/inverse}` : line);
      this.panel.style.border = {
        fg:
          (this.focus === 'table' && !this.layers.length ? this.theme.focus : this.theme.border) || 'default',
      };
      this.panel.setLabel(this.tabBar());
      const table = this.currentTable();
      table.setFocused(this.focus === 'table');
      if (this.view === 'ladder' && this.ladder) this.drawLadder(this.ladder);
      else if (this.view === 'chart' && this.chart) this.drawChart(this.chart);
      else table.draw();
      this.drawView(table, W);
      this.drawWelcome();
      this.ticketView.draw(this.focus === 'ticket' && !this.layers.length);
      this.hint.setContent(this.hintLine());
      this.drawFlash(now, W);
    }
    if (!this.tooSmall) for (const layer of this.layers) layer.draw();
    else this.tooSmallBox.setFront();
    this.screen.render();
  }

  /** The chart, and the bars before its oldest once the person has scrolled back to it. */
  private drawChart(chart: NonNullable<Console['chart']>): void {
    const edge = (): string => chart.earlier?.marker() ?? '';
    const before = edge();
    this.chartView.draw(chart.series, chart.contract, this.theme, chart.note, before);
    if (!this.chartView.wantsEarlier) return;
    chart.earlier?.atEdge();
    // Asking (or finding there is nothing to ask) changes what the edge says: the next frame shows it.
    if (edge() !== before) this.frames.request();
  }

  private drawLadder(ladder: Ladder): void {
    const state = this.ladderState(ladder);
    let status = '';
    try {
      const caps = this.mainEngine.getCapabilities(ladder.contract.gatewayName, ladder.contract.vtSymbol);
      status = offsetStatus(
        ladder.offsetFor(Direction.LONG, state.positions, caps),
        ladder.offsetFor(Direction.SHORT, state.positions, caps),
      );
    } catch {
      // The gateway went away: the ladder still shows the last prices, and a trading key will say why not.
    }
    this.ladderView.draw(state, this.theme, status);
  }

  /** The tabs as the tab bar spells them, untagged (a click is mapped to a tab by these widths). */
  private tabTexts(): string[] {
    const active = this.monitors.active.size;
    return TABS.map((t, i) => ` ${i + 1} ${t.title}${t.name === 'active' && active ? `(${active})` : ''} `);
  }

  private tabBar(): string {
    const texts = this.tabTexts();
    const tabs = TABS.map((t, i) =>
      t.name === this.tab && this.view === 'tables' ? `{inverse}${texts[i]}{/inverse}` : texts[i]!,
    );
    // The ladder's panel is narrower than the tab bar: it names itself and the way back.
    if (this.view === 'ladder') return '{inverse} L Ladder {/inverse} Esc tables ';
    if (this.view === 'chart') return '{inverse} K Chart {/inverse} Esc tables ';
    return tabs.join('');
  }

  /**
   * The message over the tables' bottom edge. An error (a rejection and its reason) wraps onto up to three
   * lines so that it is read whole even at 80 columns; `i` on the order shows everything.
   */
  private drawFlash(now: number, W: number): void {
    const f = this.flash;
    if (!f || now >= f.until || this.layers.length) {
      this.flashBox.hide();
      return;
    }
    const text = `${f.error ? '✗ ' : ''}${f.text}`;
    const max = W - 6;
    const lines = f.error ? wrap(text, max, 3) : [fit(text, Math.min(max, displayWidth(text))).trimEnd()];
    // A message of several lines covers table rows: it spans the panel inside its sides, so that no end of a
    // row shows beside it and reads as part of the message (a digit after an amount).
    const width = lines.length > 1 ? W - 2 : Math.max(...lines.map((l) => displayWidth(l))) + 2;
    this.flashBox.top = (this.panel.top as number) + (this.panel.height as number) - lines.length;
    this.flashBox.left = lines.length > 1 ? 1 : Math.max(2, W - width - 2);
    this.flashBox.width = width;
    this.flashBox.height = lines.length;
    this.flashBox.setContent(
      lines
        .map((l) => paint(esc(` ${fit(l, width - 2)} `), f.error ? this.theme.error : this.theme.accent))
        .join('\n'),
    );
    this.flashBox.show();
    this.flashBox.setFront();
  }

  /** What narrows or orders the rows in view, so that a hidden row is never a surprise. */
  private drawView(table: DataTable<unknown>, W: number): void {
    const how = [table.filter ? `/${table.filter}` : '', table.sortLabel].filter(Boolean).join('  ');
    // Under a dialog it would sit on top of it; the filter line being typed says the same.
    if (!how || this.layers.length || this.view !== 'tables') {
      this.viewBox.hide();
      return;
    }
    const text = fit(`[${how}]`, Math.max(4, Math.min(displayWidth(how) + 2, Math.floor(W / 2))));
    this.viewBox.top = (this.panel.top as number) + (this.panel.height as number) - 1;
    this.viewBox.left = (this.panel.left as number) + 2;
    this.viewBox.width = displayWidth(text);
    this.viewBox.setContent(paint(esc(text), this.theme.accent));
    this.viewBox.show();
    this.viewBox.setFront();
  }

  /** A newcomer's first screen: no gateway connected and nothing to show yet says what to do. */
  private drawWelcome(): void {
    const anyConnected = [...this.gateways.values()].some((g) => g.status !== GatewayStatus.DISCONNECTED);
    const empty = this.monitors.ticks.size === 0;
    if (this.tab !== 'ticks' || this.view !== 'tables' || anyConnected || !empty) {
      this.welcome?.hide();
      return;
    }
    if (!this.welcome) {
      this.welcome = blessed.box({ parent: this.panel, tags: true, wrap: false, top: 3, left: 2, height: 5 });
    }
    const width = Math.max(10, (this.panel.width as number) - 6);
    this.welcome.width = width;
    const lines = [
      bold('No gateway connected yet.'),
      `${bold('c')} connect a gateway   ${bold('?')} help   ${bold('q')} quit`,
      paint('vnt --demo starts with the simulated exchange connected', this.theme.muted),
    ];
    this.welcome.setContent(lines.join('\n'));
    this.welcome.show();
  }

  private hintLine(): string {
    const items =
      this.focus === 'ticket'
        ? ['↑↓ field', '←→ choice', 'Enter review', 'Esc/Tab tables', '/ search', '? help']
        : this.view === 'ladder' || this.view === 'chart'
          ? ['? help', ': cmd', 'Esc tables', 'Tab ticket', '/ search', 'q quit']
          : [
              '? help',
              ': cmd',
              '/ search',
              'Tab ticket',
              '1-7 tabs',
              'Enter load',
              'i info',
              'x cancel',
              'a amend',
              'q quit',
              'c connect',
            ];
    // Whole hints only: drop the last ones rather than cut one in half on a narrow terminal.
    const width = (this.screen.width as number) - 1;
    let hints = '';
    for (const item of items) {
      const next = hints ? `${hints}  ${item}` : item;
      if (next.length > width) break;
      hints = next;
    }
    return paint(esc(` ${hints}`), this.theme.muted);
  }
}

/** "Long 1 rb2501.SHFE @ 3850 Open (SIM)": an order request as the person reads it. */
export function describeRequest(req: OrderRequest, gatewayName: string): string {
  const price = req.type === 'MARKET' ? 'at market' : `@ ${req.price}`;
  const type = req.type === 'LIMIT' || req.type === 'MARKET' ? '' : ` ${label('OrderType', req.type)}`;
  const offset = req.offset && req.offset !== 'NONE' ? ` ${label('Offset', req.offset)}` : '';
  return `${label('Direction', req.direction)} ${req.volume} ${req.symbol}.${req.exchange} ${price}${type}${offset} (${gatewayName})`;
}
