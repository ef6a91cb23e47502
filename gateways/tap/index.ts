// TAP (易盛 Esunny iTap) gateway: overseas futures and options (CME, COMEX, NYMEX, CBOT, ICE, LME, SGX,
// HKEX, ...) through Esunny's trade API 9.3.8 and quote API 9.3.1. The vendor libraries are the user's own
// (a folder in the setting, with the OpenSSL 1.1 the SDK ships); they run in a native host process
// (bindings/native/host) through the koffi binding in bindings/tap. Every vendor call is bounded: a library
// that hangs or crashes ends its host, not the console. After a drop each side logs in again on its own,
// with backoff, and the trade side reconciles orders and fills.
import path from 'node:path';
import { Exchange, LogLevel, OrderType } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import type { CancelRequest, OrderRequest, SubscribeRequest } from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { resolveTapFiles } from '../../bindings/tap/library.js';
import type { TapEvent } from '../../bindings/tap/protocol.js';
import { DEFAULT_LIMITS, TapSession } from '../../bindings/tap/session.js';
import { SUPPORTED_QUOTE_VERSIONS, SUPPORTED_TRADE_VERSIONS } from '../../bindings/tap/versions.js';
import { backoffDelay } from '../common/backoff.js';
import { NativeHost } from '../common/native-host.js';
import { errorText, TAP_EXCHANGES } from './parse.js';
import type { TapPushes } from './pushes.js';
import { TapQuote } from './quote.js';
import { TapTrader } from './trader.js';

type Side = 'trade' | 'quote';

export class TapGateway extends BaseGateway {
  static override readonly defaultName = 'TAP';
  static override readonly defaultSetting: SettingSchema = {
    auth_code: { type: 'secret', default: '', label: '授权码 (authorization code)' },
    quote_username: { type: 'string', default: '', label: '行情账号 (quote user)' },
    quote_password: { type: 'secret', default: '', label: '行情密码 (quote password)' },
    quote_host: { type: 'string', default: '', label: '行情地址 (quote host)' },
    quote_port: { type: 'integer', default: 0, min: 0, max: 65535, label: '行情端口 (quote port)' },
    trade_username: { type: 'string', default: '', label: '交易账号 (trade user)' },
    trade_password: { type: 'secret', default: '', label: '交易密码 (trade password)' },
    trade_host: { type: 'string', default: '', label: '交易地址 (trade host)' },
    trade_port: { type: 'integer', default: 0, min: 0, max: 65535, label: '交易端口 (trade port)' },
    account_no: {
      type: 'string',
      default: '',
      label: '资金账号 (funds account)',
      help: 'the account orders go to; empty: the trade user',
    },
    app_id: { type: 'string', default: '', label: 'APPID', help: 'if Esunny registered one for you' },
    library_folder: {
      type: 'string',
      default: '',
      label: 'SDK folder',
      help:
        `folder with libiTapTradeAPI.so (${SUPPORTED_TRADE_VERSIONS.join(', ')}), libTapQuoteAPI.so ` +
        `(${SUPPORTED_QUOTE_VERSIONS.join(', ')}) and the SDK's libcrypto.so.1.1 / libssl.so.1.1`,
    },
    trade_library: { type: 'string', default: '', label: 'trade library', help: 'empty: in the SDK folder' },
    quote_library: { type: 'string', default: '', label: 'quote library', help: 'empty: in the SDK folder' },
    connect_timeout_s: {
      type: 'integer',
      default: 60,
      min: 1,
      max: 3600,
      label: 'connect limit (s)',
      help: 'both logins and the first sync must complete within this',
    },
    call_timeout_s: {
      type: 'integer',
      default: DEFAULT_LIMITS.callTimeoutMs / 1000,
      min: 1,
      max: 600,
      label: 'vendor call limit (s)',
      help: 'a library call that takes longer ends the session',
    },
    reconnect_ms: {
      type: 'integer',
      default: 1000,
      min: 10,
      max: 600_000,
      label: 'first re-login delay (ms)',
      help: 'doubles per failed attempt, up to 30 s',
    },
  };
  static override readonly exchanges: readonly Exchange[] = TAP_EXCHANGES;
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.STOP],
    history: false,
    offsets: false,
  };

  private trader: TapTrader | undefined;
  private quote: TapQuote | undefined;
  /** The host session's life; its dispatch routes events as the session delivers them (the fuzz test's hook). */
  protected readonly host = new NativeHost<TapSession, TapEvent>({
    sdk: () => 'TAP',
    log: (msg, level) => this.writeLog(msg, level),
    setStatus: (status, message) => this.setStatus(status, message),
    closeClients: () => this.closeClients(),
    name: () => this.gatewayName,
  });
  private reconnectMs = 1000;
  private readonly retry: Record<Side, { timer: NodeJS.Timeout | undefined; attempt: number }> = {
    trade: { timer: undefined, attempt: 0 },
    quote: { timer: undefined, attempt: 0 },
  };

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.host.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    for (const key of ['auth_code', 'trade_username', 'trade_host', 'quote_username', 'quote_host']) {
      if (!s(key)) throw new Error(`TAP setting "${key}" is empty`);
    }
    for (const key of ['trade_port', 'quote_port']) {
      const port = Number(setting[key]);
      if (!Number.isInteger(port) || port <= 0 || port > 65535)
        throw new Error(`TAP setting "${key}" must be a port number (1-65535)`);
    }
    if (!s('library_folder') && !(s('trade_library') && s('quote_library')))
      throw new Error('TAP setting "library_folder" is empty: point it at the Esunny SDK folder');
    const files = resolveTapFiles(
      path.resolve(s('library_folder') || '.'),
      s('trade_library') ? path.resolve(s('trade_library')) : undefined,
      s('quote_library') ? path.resolve(s('quote_library')) : undefined,
    );
    const connectLimitMs = Number(setting.connect_timeout_s ?? 60) * 1000;
    const callTimeoutMs = Number(setting.call_timeout_s ?? DEFAULT_LIMITS.callTimeoutMs / 1000) * 1000;
    this.reconnectMs = Number(setting.reconnect_ms ?? 1000) || 1000;

    const session = new TapSession(
      this.host.callbacks((e) => {
        if (e.api === 'trade') this.trader?.handle(e);
        else this.quote?.handle(e);
      }),
      { callTimeoutMs, exitGraceMs: DEFAULT_LIMITS.exitGraceMs },
    );
    const synced = this.host.begin(session, connectLimitMs);
    const pushes = this.pushes();
    this.trader = new TapTrader(
      session,
      {
        userNo: s('trade_username'),
        password: String(setting.trade_password ?? ''),
        accountNo: s('account_no'),
        queryTimeoutMs: callTimeoutMs * 3,
      },
      pushes,
    );
    this.quote = new TapQuote(
      session,
      { userNo: s('quote_username'), password: String(setting.quote_password ?? '') },
      this.trader.listings,
      pushes,
    );
    try {
      const opened = await session.open({
        tradeLibrary: files.trade,
        quoteLibrary: files.quote,
        dependencies: files.dependencies,
        authCode: String(setting.auth_code ?? ''),
        appId: s('app_id'),
        tradeHost: s('trade_host'),
        tradePort: Number(setting.trade_port),
        quoteHost: s('quote_host'),
        quotePort: Number(setting.quote_port),
      });
      this.writeLog(
        `TAP trade API ${opened.versionText} (binding for ${opened.version}), quote API ` +
          `${opened.quoteVersionText} (binding for ${opened.quoteVersion}); host process ${session.pid}`,
      );
      if (opened.hostResult !== 0)
        throw new Error(`the trade front was refused ${errorText(opened.hostResult)}`);
      if (opened.quoteHostResult)
        throw new Error(`the quote front was refused ${errorText(opened.quoteHostResult)}`);
      await this.login('trade');
      await this.login('quote');
    } catch (e) {
      this.host.failConnect((e as Error).message);
    }
    return synced;
  }

  private async login(side: Side): Promise<void> {
    const client = side === 'trade' ? this.trader : this.quote;
    if (!client) return;
    const code = await client.login();
    if (code !== 0) throw new Error(`TAP ${side} Login refused ${errorText(code)}`);
  }

  private pushes(): TapPushes {
    return {
      gatewayName: this.gatewayName,
      tick: (t) => this.onTick(t),
      order: (o) => this.onOrder(o),
      trade: (t) => this.onTrade(t),
      position: (p) => this.onPosition(p),
      account: (a) => this.onAccount(a),
      contract: (c) => this.onContract(c),
      log: (msg, level) => this.writeLog(msg, level),
      failed: (step, code) => this.loginStepFailed(step, code),
      syncFailed: (reason) => {
        if (this.host.connecting) this.host.failConnect(reason);
        else this.scheduleLogin('trade');
      },
      linkChanged: (side) => this.linkChanged(side),
    };
  }

  private loginStepFailed(step: string, code: number): void {
    this.host.stepFailed(`${step} refused: ${errorText(code)}`);
  }

  private linkChanged(side: Side): void {
    const trader = this.trader;
    const quote = this.quote;
    if (!trader || !quote) return;
    const sideUp = side === 'trade' ? trader.loggedIn : quote.loggedIn;
    if (sideUp) {
      clearTimeout(this.retry[side].timer);
      this.retry[side] = { timer: undefined, attempt: 0 };
    } else if (this.host.wasConnected || !this.host.connecting) this.scheduleLogin(side);
    if (side === 'trade' && trader.synced) quote.sendWanted();
    const up = trader.loggedIn && trader.synced && quote.loggedIn;
    if (up) this.host.up();
    else this.host.down();
  }

  /** Logs one side in again after its link dropped: doubling delays, until it is up or the gateway closes. */
  private scheduleLogin(side: Side): void {
    const r = this.retry[side];
    if (r.timer || !this.host.session) return;
    const delay = backoffDelay(r.attempt, { baseMs: this.reconnectMs, maxMs: 30_000, jitter: 0.2 });
    r.attempt += 1;
    r.timer = setTimeout(() => {
      r.timer = undefined;
      const client = side === 'trade' ? this.trader : this.quote;
      if (!this.host.session || !client || client.loggedIn) return;
      this.writeLog(`TAP ${side} front: logging in again (attempt ${r.attempt})`);
      this.login(side).catch((e: Error) => {
        this.writeLog(e.message, LogLevel.WARNING);
        this.scheduleLogin(side);
      });
      // No answer at all (a front that stays away) is retried too.
      r.timer = setTimeout(
        () => {
          r.timer = undefined;
          if (this.host.session && !client.loggedIn) this.scheduleLogin(side);
        },
        Math.max(5_000, delay * 4),
      );
    }, delay);
  }

  subscribe(req: SubscribeRequest): void {
    this.host.client(this.quote, `subscribe ${req.symbol}`)?.subscribe(req.symbol);
  }

  sendOrder(req: OrderRequest): string {
    if (!this.trader) throw new Error(`${this.gatewayName} is not connected`);
    return this.trader.sendOrder(req);
  }

  cancelOrder(req: CancelRequest): void {
    this.host.client(this.trader, `cancel ${req.orderid}`)?.cancelOrder(req);
  }

  override queryAccount(): void {
    this.trader?.refreshHoldings();
  }

  override queryPosition(): void {
    this.trader?.refreshHoldings();
  }

  private closeClients(): void {
    for (const side of ['trade', 'quote'] as const) {
      clearTimeout(this.retry[side].timer);
      this.retry[side] = { timer: undefined, attempt: 0 };
    }
    this.trader?.close();
    this.quote?.close();
    this.trader = undefined;
    this.quote = undefined;
  }

  async close(): Promise<void> {
    await this.host.close();
  }
}
