// The console's screen: which widgets exist, where they sit at this terminal size, where each key goes, and
// one draw per frame. Process concerns (bootstrap, signals, restoring the terminal) are in app.ts; the palette
// commands in commands.ts.
import blessed from 'blessed';
import { LogLevel } from '../core/constant.js';
import type { MainEngine } from '../core/engine.js';
import { errorMessage } from '../core/errors.js';
import type { ContractData, GatewayStatusData, OrderData, PositionData, TickData } from '../core/object.js';
import { cancelRequestFor } from '../core/object.js';
import { redact } from '../core/redact.js';
import type { GatewaySetting } from '../core/setting-schema.js';
import type { TraderDir } from '../core/settings.js';
import { ChooseDialog } from './dialogs/choose.js';
import { ConfirmDialog } from './dialogs/confirm.js';
import { ConnectForm } from './dialogs/connect-form.js';
import { HelpDialog } from './dialogs/help.js';
import type { Layer, LayerHost } from './dialogs/layer.js';
import { CommandPalette } from './dialogs/palette.js';
import { SearchDialog } from './dialogs/search.js';
import { Frames } from './frames.js';
import { computeLayout, MIN_HEIGHT, MIN_WIDTH, type Rect } from './layout.js';
import type { Key } from './keys.js';
import { connectMonitors, createMonitors, TABS, type MonitorName, type Monitors } from './monitors.js';
import { statusLine, type GatewayState } from './status-bar.js';
import type { DataTable } from './table.js';
import { displayWidth, fit, formatTime } from './text.js';
import { Ticket } from './ticket.js';
import { PriceHistory, TicketView } from './ticket-view.js';
import { bold, esc, paint, type Theme } from './theme.js';

export interface ConsoleOptions {
  screen: blessed.Widgets.Screen;
  mainEngine: MainEngine;
  traderDir: TraderDir | undefined;
  theme: Theme;
  /** Runs a palette command; resolves to the text to show the person. */
  runCommand: (text: string, ui: Console) => Promise<string> | string;
  commandNames: readonly string[];
  /** The person confirmed quitting. */
  onQuit: () => void;
}

type Focus = 'table' | 'ticket';

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
  private readonly panel: blessed.Widgets.BoxElement;
  private readonly tooSmallBox: blessed.Widgets.BoxElement;
  private readonly monitors: Monitors;
  private readonly ticketView: TicketView;
  private readonly history = new PriceHistory();
  private readonly layers: Layer[] = [];
  private readonly gateways = new Map<string, GatewayState>();
  private readonly commandHistory: string[] = [];
  private tab: MonitorName = 'ticks';
  private focus: Focus = 'table';
  private flash: { text: string; error: boolean; until: number } | undefined;
  private rate = 0;
  private lastCount = 0;
  private lastRateAt = Date.now();
  private tooSmall = false;
  private readonly clock: NodeJS.Timeout;
  private readonly disconnect: () => void;

  constructor(options: ConsoleOptions) {
    this.options = options;
    this.screen = options.screen;
    this.mainEngine = options.mainEngine;
    this.traderDir = options.traderDir;
    this.theme = options.theme;
    const screen = this.screen;
    this.status = blessed.box({ parent: screen, top: 0, left: 0, height: 1, width: '100%', tags: true });
    this.hint = blessed.box({ parent: screen, bottom: 0, left: 0, height: 1, width: '100%', tags: true });
    this.flashBox = blessed.box({ parent: screen, height: 1, tags: true, hidden: true });
    this.panel = blessed.box({ parent: screen, tags: true, border: { type: 'line' } });
    this.monitors = createMonitors(this.panel, this.mainEngine, this.theme);
    this.ticket = new Ticket(this.mainEngine);
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
      this.gateways.set(e.data.gatewayName, { status: e.data.status, message: e.data.message });
      this.frames.request();
    };
    const onTick = (e: { data: TickData }): void => {
      this.history.push(e.data);
      this.ticket.onTick(e.data);
    };
    const onOrder = (e: { data: OrderData }): void => this.ticket.onOrder(e.data);
    ee.register('gateway', onGateway);
    ee.register('tick', onTick);
    ee.register('order', onOrder);
    const unhook = connectMonitors(this.monitors, this.mainEngine, () => this.frames.request());
    this.disconnect = () => {
      unhook();
      ee.unregister('gateway', onGateway);
      ee.unregister('tick', onTick);
      ee.unregister('order', onOrder);
    };
    this.clock = setInterval(() => this.frames.request(), 1000);

    screen.on('keypress', (ch: string | undefined, key: Key) => this.onKey(ch, key ?? {}));
    screen.on('resize', () => {
      this.layout();
      this.frames.now();
    });
    this.applyTheme(this.theme);
    this.layout();
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
    this.focus = 'table';
    this.layout();
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
    this.push(new SearchDialog(this, this.mainEngine, (c) => this.loadContract(c)));
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
    this.mainEngine.cancelOrder(cancelRequestFor(order), order.gatewayName);
    this.notify(`cancel sent for ${order.vtOrderid}`);
  }

  destroy(): void {
    this.frames.stop();
    clearInterval(this.clock);
    this.disconnect();
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
    const top = this.layers[this.layers.length - 1];
    if (top) {
      top.handleKey(ch, key);
      return;
    }
    if (this.tooSmall) {
      if (ch === 'q') this.requestQuit();
      return;
    }
    if (ch === '?') return this.showHelp();
    if (ch === ':') return this.openPalette();
    if (ch === '/') return this.openSearch();
    if (name === 'tab' || name === 'S-tab') return this.toggleFocus();
    if (this.focus === 'ticket') {
      if (name === 'escape') {
        this.focus = 'table';
        return;
      }
      const result = this.ticket.handleKey(ch, key);
      if (result === 'send') this.ticket.send();
      return;
    }
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
      case 'X':
        return this.confirmCancelAll();
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

  private enterOnRow(): void {
    if (this.tab === 'ticks') {
      const row = this.monitors.ticks.selected();
      const contract = row && this.mainEngine.getContract(row.tick.vtSymbol);
      if (contract) this.loadContract(contract);
    } else if (this.tab === 'positions') {
      const position: PositionData | undefined = this.monitors.positions.selected();
      if (position && this.ticket.prefillClose(position)) this.focus = 'ticket';
    }
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
      new CommandPalette(this, this.options.commandNames, this.commandHistory, (text) => {
        Promise.resolve()
          .then(() => this.options.runCommand(text, this))
          .then(
            (result) => result && this.notify(result),
            (error: unknown) => this.notify(errorMessage(error), true),
          );
      }),
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
    const spots = computeLayout(this.screen.width as number, this.screen.height as number);
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
    else this.tooSmallBox.show();
    if (!spots) return;
    const place = (el: blessed.Widgets.BoxElement, r: Rect): void => {
      el.top = r.top;
      el.left = r.left;
      el.width = r.width;
      el.height = r.height;
    };
    place(this.ticketView.form, spots.form);
    place(this.ticketView.depth, spots.depth);
    place(this.ticketView.chart, spots.chart);
    place(this.panel, spots.panel);
    const inner = { w: (this.panel.width as number) - 2, h: (this.panel.height as number) - 2 };
    for (const t of TABS) {
      const table = this.monitors[t.name] as DataTable<unknown>;
      // Children are placed relative to the panel's outer edge, so step inside its border.
      place(table.box, { top: 1, left: 1, width: inner.w, height: inner.h });
      if (t.name === this.tab) table.box.show();
      else table.box.hide();
    }
  }

  private draw(): void {
    const now = Date.now();
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
      this.status.setContent(statusLine(this.gateways, this.rate, formatTime(now), W, this.theme));
      this.panel.style.border = {
        fg:
          (this.focus === 'table' && !this.layers.length ? this.theme.focus : this.theme.border) || 'default',
      };
      this.panel.setLabel(this.tabBar());
      const table = this.currentTable();
      table.setFocused(this.focus === 'table');
      table.draw();
      this.ticketView.draw(this.focus === 'ticket' && !this.layers.length);
      this.hint.setContent(this.hintLine());
      this.drawFlash(now, W);
    }
    for (const layer of this.layers) layer.draw();
    this.screen.render();
  }

  private tabBar(): string {
    const active = this.monitors.active.size;
    return TABS.map((t, i) => {
      const text = ` ${i + 1} ${t.title}${t.name === 'active' && active ? `(${active})` : ''} `;
      return t.name === this.tab ? `{inverse}${text}{/inverse}` : text;
    }).join('');
  }

  private drawFlash(now: number, W: number): void {
    const f = this.flash;
    if (!f || now >= f.until || this.layers.length) {
      this.flashBox.hide();
      return;
    }
    const text = ` ${f.error ? '✗ ' : ''}${f.text} `;
    const width = Math.min(W - 4, displayWidth(text));
    this.flashBox.top = (this.panel.top as number) + (this.panel.height as number) - 1;
    this.flashBox.left = Math.max(2, W - width - 2);
    this.flashBox.width = width;
    this.flashBox.setContent(paint(esc(fit(text, width)), f.error ? this.theme.error : this.theme.accent));
    this.flashBox.show();
    this.flashBox.setFront();
  }

  private hintLine(): string {
    const items =
      this.focus === 'ticket'
        ? ['↑↓ field', '←→ choice', 'Enter send', 'Esc/Tab tables', '/ search', '? help']
        : [
            '? help',
            ': cmd',
            '/ search',
            'Tab ticket',
            '1-7 tabs',
            'Enter load',
            'x cancel',
            'X all',
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
