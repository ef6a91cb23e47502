// XTP (中泰证券 XTP) gateway for A-shares, funds, bonds and options on SSE and SZSE (and BSE from 2.2.39), cash
// or credit (margin) accounts. The vendor libraries are the user's own (paths in the setting); they run in a
// native host process (bindings/native/host) through the koffi binding in bindings/xtp, whose version tables
// decide how to call them; the host session's life is the toolkit's (gateways/common/native-host.ts). XTP's
// logins are synchronous and may block: they run on the host's main thread, bounded by the call limit, so a
// server that never answers ends in a readable error, never a hung console. XTP does not reconnect by
// itself; this gateway logs in again with backoff (a new trading session) and reconciles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Exchange, GatewayStatus, LogLevel, OrderType } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import type { CancelRequest, OrderRequest, SubscribeRequest } from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { backoffDelay } from '../common/backoff.js';
import { NativeHost } from '../common/native-host.js';
import { LOG_LEVELS, type XtpLogLevel } from '../../bindings/xtp/library.js';
import type { SpiEvent } from '../../bindings/xtp/protocol.js';
import { DEFAULT_LIMITS, XtpSession } from '../../bindings/xtp/session.js';
import { SUPPORTED_VERSIONS } from '../../bindings/xtp/versions.js';
import { XTP_EXCHANGES, type AccountMode, type XtpBusiness } from './parse.js';
import type { GatewayPushes } from './pushes.js';
import { XtpQuote } from './quote.js';
import { XtpTrader, type CashRepayResult, type CreditStatus } from './trader.js';

const RECONNECT = { baseMs: 500, maxMs: 10_000 };

export class XtpGateway extends BaseGateway {
  static override readonly defaultName = 'XTP';
  static override readonly defaultSetting: SettingSchema = {
    username: { type: 'string', default: '', label: '账号 (account)' },
    password: { type: 'secret', default: '', label: '密码 (password)' },
    client_id: { type: 'integer', default: 1, min: 1, max: 255, label: '客户号 (client id)' },
    quote_address: { type: 'string', default: '', label: '行情地址 (quote server IP)' },
    quote_port: { type: 'integer', default: 0, min: 0, max: 65535, label: '行情端口 (quote port)' },
    trade_address: { type: 'string', default: '', label: '交易地址 (trading server IP)' },
    trade_port: { type: 'integer', default: 0, min: 0, max: 65535, label: '交易端口 (trading port)' },
    quote_protocol: {
      type: 'choice',
      choices: ['TCP', 'UDP'],
      default: 'TCP',
      label: '行情协议 (quote protocol)',
      help: 'the trading server is always TCP',
    },
    software_key: { type: 'secret', default: '', label: '授权码 (software key)' },
    account_type: {
      type: 'choice',
      choices: ['cash', 'credit'],
      default: 'cash',
      label: '账户类型 (account type)',
      help: 'credit: margin trading (OPEN/CLOSE offsets are the margin sides)',
    },
    trader_library: {
      type: 'string',
      default: '',
      label: 'trader library',
      help: `path to your SDK's libxtptraderapi.so (XTP ${SUPPORTED_VERSIONS.join(', ')})`,
    },
    quote_library: {
      type: 'string',
      default: '',
      label: 'quote library',
      help: `path to libxtpquoteapi.so (XTP ${SUPPORTED_VERSIONS.join(', ')})`,
    },
    log_dir: {
      type: 'string',
      default: '',
      label: 'SDK log folder',
      help: 'empty: a folder under the temp dir',
    },
    log_level: { type: 'choice', choices: [...LOG_LEVELS], default: 'warning', label: 'SDK log level' },
    heartbeat_s: { type: 'integer', default: 15, min: 1, max: 300, label: 'heartbeat (s)' },
    connect_timeout_s: {
      type: 'integer',
      default: 60,
      min: 1,
      max: 3600,
      label: 'connect limit (s)',
      help: 'logins and first sync must complete within this',
    },
    call_timeout_s: {
      type: 'integer',
      default: DEFAULT_LIMITS.callTimeoutMs / 1000,
      min: 1,
      max: 600,
      label: 'vendor call limit (s)',
      help: 'a library call (Login, a request, Release) that takes longer ends the session',
    },
  };
  static override readonly exchanges: readonly Exchange[] = XTP_EXCHANGES;
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK],
    history: false,
    offsets: true,
  };

  private trader: XtpTrader | undefined;
  private quote: XtpQuote | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectAttempt = 0;
  private reconnecting = false;
  /** The host session's life (connect, a host that ends, close): the toolkit's, as for CTP and TORA. */
  private readonly host = new NativeHost<XtpSession, SpiEvent>({
    sdk: () => 'XTP',
    log: (msg, level) => this.writeLog(msg, level),
    setStatus: (status, message) => this.setStatus(status, message),
    name: () => this.gatewayName,
    closeClients: () => {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.trader?.close();
      this.quote?.close();
      this.trader = undefined;
      this.quote = undefined;
    },
  });
  private mode: AccountMode = 'cash';

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.host.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    for (const key of ['username', 'quote_address', 'trade_address', 'trader_library', 'quote_library']) {
      if (!s(key)) throw new Error(`XTP setting "${key}" is empty`);
    }
    for (const key of ['trader_library', 'quote_library']) {
      if (!fs.existsSync(s(key))) throw new Error(`XTP setting "${key}": no file at ${s(key)}`);
    }
    const port = (key: string) => {
      const p = Number(setting[key]);
      if (!Number.isInteger(p) || p <= 0 || p > 65535)
        throw new Error(`XTP setting "${key}" must be a port (1-65535)`);
      return p;
    };
    const quotePort = port('quote_port');
    const tradePort = port('trade_port');
    const clientId = Number(setting.client_id ?? 1);
    if (!Number.isInteger(clientId) || clientId < 1 || clientId > 255)
      throw new Error('XTP setting "client_id" must be an integer from 1 to 255');
    const protocol = s('quote_protocol') || 'TCP';
    if (protocol !== 'TCP' && protocol !== 'UDP')
      throw new Error('XTP setting "quote_protocol" must be TCP or UDP');
    const mode = (s('account_type') || 'cash') as AccountMode;
    if (mode !== 'cash' && mode !== 'credit')
      throw new Error('XTP setting "account_type" must be cash or credit');
    const logLevel = (s('log_level') || 'warning') as XtpLogLevel;
    if (!LOG_LEVELS.includes(logLevel))
      throw new Error(`XTP setting "log_level" must be one of ${LOG_LEVELS.join(', ')}`);
    this.mode = mode;
    const logDir = s('log_dir') || fs.mkdtempSync(path.join(os.tmpdir(), `vnt-xtp-${this.gatewayName}-`));
    const connectLimitMs = Number(setting.connect_timeout_s ?? 60) * 1000;
    const callTimeoutMs = Number(setting.call_timeout_s ?? DEFAULT_LIMITS.callTimeoutMs / 1000) * 1000;
    const user = s('username');
    const password = String(setting.password ?? '');

    const callbacks = this.host.callbacks((e) => {
      if (e.api === 'td') this.trader?.handle(e);
      else this.quote?.handle(e);
    });
    const session = new XtpSession(callbacks, { callTimeoutMs, exitGraceMs: DEFAULT_LIMITS.exitGraceMs });
    const synced = this.host.begin(session, connectLimitMs);
    const pushes = this.pushes();
    const quote = new XtpQuote(
      session,
      { ip: s('quote_address'), port: quotePort, user, password, protocol: protocol === 'UDP' ? 2 : 1 },
      pushes,
    );
    const trader = new XtpTrader(
      session,
      {
        login: { ip: s('trade_address'), port: tradePort, user, password, protocol: 1 },
        accountid: user,
        mode,
      },
      quote.contracts,
      pushes,
    );
    this.quote = quote;
    this.trader = trader;
    // The logins and the contract query in order; the trading sync then says "up" (linkChanged).
    try {
      const opened = await session.open({
        traderLibrary: path.resolve(s('trader_library')),
        quoteLibrary: path.resolve(s('quote_library')),
        clientId,
        logDir,
        logLevel,
        softwareKey: String(setting.software_key ?? ''),
        heartbeatS: Number(setting.heartbeat_s ?? 15),
      });
      quote.beijing = trader.beijing = opened.beijing;
      this.writeLog(
        `XTP trader API ${opened.versionText} loaded (binding for ${opened.version}); quote API ` +
          `${opened.quoteVersionText} (binding for ${opened.quoteVersion}); host process ${session.pid}`,
      );
      const quoteRefused = await quote.connect();
      if (quoteRefused) throw new Error(quoteRefused);
      await quote.loadContracts();
      const refused = await trader.login();
      if (refused) throw new Error(refused);
    } catch (e) {
      // A host that ended has failed the connect already (with its own reason): this is a no-op then.
      if (this.host.connecting) this.host.stepFailed((e as Error).message);
    }
    return synced;
  }

  private pushes(): GatewayPushes {
    return {
      gatewayName: this.gatewayName,
      tick: (t) => this.onTick(t),
      order: (o) => this.onOrder(o),
      trade: (t) => this.onTrade(t),
      position: (p) => this.onPosition(p),
      account: (a) => this.onAccount(a),
      contract: (c) => this.onContract(c),
      log: (msg, level) => this.writeLog(msg, level),
      linkChanged: () => this.linkChanged(),
    };
  }

  private linkChanged(): void {
    const trader = this.trader;
    const quote = this.quote;
    if (!trader || !quote) return;
    if (trader.ready && quote.loggedIn) {
      this.reconnectAttempt = 0;
      this.host.up();
      return;
    }
    if (!this.host.wasConnected || this.host.connecting) return;
    if (!trader.loggedIn || !quote.loggedIn) {
      if (this.status !== GatewayStatus.RECONNECTING) this.host.down();
      this.scheduleReconnect();
    }
  }

  /** Logs in again whichever side is down, with exponential backoff and jitter, until both are up. */
  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.reconnecting || !this.host.session) return;
    const delay = backoffDelay(this.reconnectAttempt++, RECONNECT);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    const { trader, quote } = this;
    const session = this.host.session;
    if (!trader || !quote || !session?.running) return;
    this.reconnecting = true;
    let problem: string | null = null;
    try {
      if (!quote.loggedIn) problem = await quote.connect();
      if (!problem && !trader.loggedIn) problem = await trader.login();
    } catch (e) {
      problem = (e as Error).message;
    } finally {
      this.reconnecting = false;
    }
    if (this.host.session !== session) return;
    if (problem) {
      this.writeLog(`XTP re-login failed (attempt ${this.reconnectAttempt}): ${problem}`, LogLevel.WARNING);
      this.scheduleReconnect();
    }
  }

  subscribe(req: SubscribeRequest): void {
    this.host.client(this.quote, `subscribe ${req.symbol}`)?.subscribe(req);
  }

  sendOrder(req: OrderRequest): string {
    if (!this.trader) throw new Error(`${this.gatewayName} is not connected`);
    return this.trader.sendOrder(req);
  }

  /**
   * An IPO subscription (新股申购: a limit buy of the subscription code) or an ETF creation / redemption
   * (申购 / 赎回, whole creation units), sent as an XTP business order; returns the vtOrderid at once, and the
   * order moves through the order tracker like any other (XTP allots and creates after the close).
   */
  sendBusinessOrder(req: OrderRequest, business: XtpBusiness): string {
    if (!this.trader) throw new Error(`${this.gatewayName} is not connected`);
    return this.trader.sendOrder(req, business);
  }

  cancelOrder(req: CancelRequest): void {
    this.host.client(this.trader, `cancel ${req.orderid}`)?.cancelOrder(req);
  }

  /**
   * Repays margin financing with cash (XTP's CreditCashRepay) in a credit account: resolves with the amount
   * repaid, or rejects with the reason (not connected, not a credit account, XTP's refusal).
   */
  repayCash(amount: number): Promise<CashRepayResult> {
    if (!this.trader) return Promise.reject(new Error(`${this.gatewayName} is not connected`));
    return this.trader.repayCash(amount);
  }

  /** The credit account's standing and open debts as last queried (undefined unless credit mode). */
  creditStatus(): CreditStatus | undefined {
    return this.trader && this.mode === 'credit' ? this.trader.credit : undefined;
  }

  override queryAccount(): void {
    this.trader?.queryAccount();
  }

  override queryPosition(): void {
    this.trader?.queryPosition();
  }

  async close(): Promise<void> {
    await this.host.close();
  }
}
