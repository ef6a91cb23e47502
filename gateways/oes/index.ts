// OES (宽睿 OES) stock gateway: SSE and SZSE stocks, funds and bonds through Quant360's OES C API, with
// Level-1 five-level ticks from its MDS market-data API. The library is the user's own (path in the
// setting); it runs in a native host process (bindings/native/host) through the binding in bindings/oes, so
// a call that hangs or crashes ends the host, not the console. The SDK reads its servers and login from a
// config file, which this gateway writes (0600) into the trader dir. Reports (OesApi_WaitReportMsg) and
// snapshots (MdsApi_WaitOnMsg) arrive by polling in the host; each poll is bounded by the session's limits.
// A broken link (a wait returning an error other than a timeout, or a failed send) is healed per channel:
// the trade side logs in again resuming reports after the last rptSeqNum and re-queries today's orders and
// trades through the one order tracker; the market-data side logs in again and resubscribes; both with
// backoff and jitter, until they are up or the gateway closes. A host process that ends (a crash, a vendor
// call over its limit) is reported and started again the same way (gateways/common/native-host.ts): the
// new session resumes reports after the last rptSeqNum and re-queries orders, trades, cash and holdings
// through the same order tracker, so nothing missed is lost and nothing is pushed twice.
import fs from 'node:fs';
import path from 'node:path';
import { Exchange, GatewayStatus, LogLevel, OrderType, Status } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import {
  orderFromRequest,
  type CancelRequest,
  type OrderRequest,
  type SubscribeRequest,
  type TickData,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { resolveTraderDir } from '../../src/core/settings.js';
import { MDSMSG, OESMSG, WAIT_TIMED_OUT } from '../../bindings/oes/library.js';
import type { OesEvent, ReportEvent, SnapshotEvent } from '../../bindings/oes/protocol.js';
import { DEFAULT_LIMITS, OesSession } from '../../bindings/oes/session.js';
import type { OesRecord } from '../../bindings/oes/structs.js';
import { LinkHealth } from '../common/links.js';
import { NativeHost } from '../common/native-host.js';
import { OrderTracker } from '../common/order-tracker.js';
import { RetryLoop } from '../common/retry.js';
import { writeSdkConfig } from './config.js';
import {
  BS_TYPE,
  MKT_OF_EXCHANGE,
  mdsCode,
  ordTypeOf,
  orderidOf,
  orderStateOfTrade,
  isCancelRequest,
  parseAccount,
  parseContract,
  parseHolding,
  parseL2Trade,
  parseOrder,
  parseSnapshot,
  parseTrade,
  rejectText,
} from './parse.js';

type Side = 'trade' | 'md';
const SIDE_NAME: Record<Side, string> = { trade: 'trade (order/report/query)', md: 'market-data (MDS)' };

export class OesGateway extends BaseGateway {
  static override readonly defaultName = 'OES';
  static override readonly defaultSetting: SettingSchema = {
    username: { type: 'string', default: '', label: '用户名 (username)' },
    password: { type: 'secret', default: '', label: '密码 (password)' },
    hdd_serial: {
      type: 'string',
      default: '',
      label: '硬盘序列号 (hard-disk serial)',
      help: 'written as driverId in the SDK config (at most 20 characters); empty: the SDK reads your disk',
    },
    td_ord_server: {
      type: 'string',
      default: '',
      label: '交易委托服务器 (order server)',
      help: 'tcp://host:port',
    },
    td_rpt_server: {
      type: 'string',
      default: '',
      label: '交易回报服务器 (report server)',
      help: 'tcp://host:port',
    },
    td_qry_server: {
      type: 'string',
      default: '',
      label: '交易查询服务器 (query server)',
      help: 'tcp://host:port',
    },
    md_tcp_server: {
      type: 'string',
      default: '',
      label: '行情推送服务器 (market data server)',
      help: 'tcp://host:port',
    },
    md_level: {
      type: 'choice',
      choices: ['L1', 'L2'],
      default: 'L1',
      label: 'market data level',
      help: 'L1: five-level snapshots; L2: ten-level snapshots and tick-by-tick trades (a Level-2 account)',
    },
    md_qry_server: {
      type: 'string',
      default: '',
      label: '行情查询服务器 (market data query server)',
      help: 'tcp://host:port',
    },
    library: {
      type: 'string',
      default: '',
      label: 'OES library',
      help: "path to your SDK's liboes_api.so (0.16.x)",
    },
    config_dir: {
      type: 'string',
      default: '',
      label: 'SDK config folder',
      help: 'where oes_client.conf is written (0600); empty: oes/ in the trader dir',
    },
    poll_idle_ms: {
      type: 'integer',
      default: 50,
      min: 1,
      max: 5000,
      label: 'report poll spacing when idle (ms)',
    },
    reconnect_ms: {
      type: 'integer',
      default: 1000,
      min: 10,
      max: 60_000,
      label: 'first reconnect delay (ms)',
      help: 'doubles per failed try (with jitter), up to 30 s',
    },
    connect_timeout_s: {
      type: 'integer',
      default: 60,
      min: 5,
      max: 600,
      label: 'connect limit (s)',
      help: 'the login and initial sync must be done within this',
    },
    call_timeout_s: {
      type: 'integer',
      default: DEFAULT_LIMITS.callTimeoutMs / 1000,
      min: 1,
      max: 600,
      label: 'vendor call limit (s)',
      help: 'a library call (InitAll, a query, WaitReportMsg) that takes longer ends the session',
    },
  };
  static override readonly exchanges: readonly Exchange[] = [Exchange.SSE, Exchange.SZSE];
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET],
    history: false,
    offsets: false,
  };

  private readonly host = new NativeHost<OesSession, OesEvent>({
    sdk: () => 'OES',
    log: (msg, level) => this.writeLog(msg, level),
    setStatus: (status, message) => this.setStatus(status, message),
    closeClients: () => this.stopPolling(),
    name: () => this.gatewayName,
    restart: (reason) => this.restartHost(reason),
  });
  /** Starts the host again after it ended, with backoff and jitter, until it is up or the gateway closes. */
  private hostRetry = this.retryLoop();
  private restarting = false;
  private callTimeoutMs = DEFAULT_LIMITS.callTimeoutMs;
  private tracker: OrderTracker | undefined;
  private configFile = '';
  private clSeqNo = 0;
  private polling = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private idleMs = 50;
  private reconnectMs = 1000;
  private kicked = false;
  private wake: (() => void) | undefined;
  private up: Record<Side, boolean> = { trade: false, md: false };
  private readonly links = new LinkHealth();
  private retry: Record<Side, RetryLoop> = { trade: this.retryLoop(), md: this.retryLoop() };
  /** The highest rptSeqNum received: a re-login resumes the report channel after it. */
  private lastRptSeqNum = 0n;
  /** Subscriptions by MDS code ("600000.SH"), sent again after the market-data side logs in again. */
  private readonly wanted = new Map<string, string>();
  /** Orders whose send failed on a broken link: found by clSeqNo at the re-sync, or rejected then. */
  private readonly unknown = new Set<string>();
  /** Chinese names by vtSymbol, for ticks (MDS snapshots carry no name). */
  private readonly names = new Map<string, string>();

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.host.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    for (const key of ['username', 'td_ord_server', 'td_rpt_server', 'td_qry_server', 'library']) {
      if (!s(key)) throw new Error(`OES setting "${key}" is empty`);
    }
    if (!fs.existsSync(s('library'))) throw new Error(`OES setting "library": no file at ${s('library')}`);
    const dir = s('config_dir') || path.join(resolveTraderDir(), 'oes');
    // Throws naming the field (never the value) when a value could inject another config key.
    this.configFile = writeSdkConfig(dir, {
      username: s('username'),
      password: String(setting.password ?? ''),
      ordServer: s('td_ord_server'),
      rptServer: s('td_rpt_server'),
      qryServer: s('td_qry_server'),
      mdTcpServer: s('md_tcp_server') || s('td_qry_server'),
      mdQryServer: s('md_qry_server') || s('td_qry_server'),
      driverId: s('hdd_serial'),
    });
    this.idleMs = Number(setting.poll_idle_ms ?? 50);
    this.level2 = s('md_level') === 'L2';
    this.reconnectMs = Number(setting.reconnect_ms ?? 1000);
    this.retry = { trade: this.retryLoop(), md: this.retryLoop() };
    this.hostRetry = this.retryLoop();
    this.callTimeoutMs = Number(setting.call_timeout_s ?? DEFAULT_LIMITS.callTimeoutMs / 1000) * 1000;
    this.library = path.resolve(s('library'));
    this.tracker = new OrderTracker({ order: (o) => this.onOrder(o), trade: (t) => this.onTrade(t) });
    this.lastRptSeqNum = 0n;
    this.clSeqNo = 0;

    const session = this.newSession();
    const synced = this.host.begin(session, Number(setting.connect_timeout_s ?? 60) * 1000);
    // Reports from now on (-1): today's earlier orders and trades come from the queries of the sync.
    this.start(session, -1n, true).then(
      () => this.host.up(),
      (e: Error) => this.host.failConnect(`OES connect failed: ${e.message}`),
    );
    return synced;
  }

  private library = '';
  /** Level-2 (ten-level) snapshots instead of Level-1 (setting md_level). */
  private level2 = false;

  /** A session whose reports and snapshots go to this gateway; a handler that throws is logged and skipped. */
  private newSession(): OesSession {
    const callbacks = this.host.callbacks(
      (e) => {
        if (e.kind === 'snapshot') this.onSnapshot(e);
        else this.onReport(e);
      },
      (e) => `${e.kind ?? 'report'} 0x${e.msgId.toString(16)}`,
    );
    return new OesSession(callbacks, {
      callTimeoutMs: this.callTimeoutMs,
      exitGraceMs: DEFAULT_LIMITS.exitGraceMs,
    });
  }

  /**
   * Starts the host and logs both sides in: OesApi_InitAll resuming reports after `lastRptSeqNum`, the
   * sync, MdsApi_InitAll and the kept subscriptions; then polling starts.
   */
  private async start(session: OesSession, lastRptSeqNum: bigint, contracts: boolean): Promise<void> {
    const opened = await session.open({ library: this.library, configFile: this.configFile, lastRptSeqNum });
    // The counter's last clSeqNo, or ours when sends it never received used numbers above it: none reused.
    this.clSeqNo = Math.max(this.clSeqNo, opened.lastClSeqNo);
    this.writeLog(`OES API ${opened.versionText} loaded; host process ${session.pid}`);
    this.up.trade = true;
    await this.sync(session, contracts);
    await session.openMd(this.configFile);
    this.up.md = true;
    if (this.wanted.size) await this.sendSubscribe(session, [...this.wanted.keys()]);
    this.polling = true;
    void this.pollLoop(session);
  }

  /** The host ended while connected (NativeHost has shut its session down): a new one, until it is up. */
  private restartHost(reason: string): void {
    if (this.restarting || !this.tracker) return;
    this.restarting = true;
    this.writeLog(
      `OES host ended (${reason}); starting it again, then reconciling orders and trades`,
      LogLevel.WARNING,
    );
    this.hostRetry.start(
      async () => {
        if (!this.tracker) return false;
        const session = this.newSession();
        this.host.resume(session);
        try {
          await this.start(session, this.lastRptSeqNum, false);
        } catch (e) {
          await this.host.abandon();
          throw e;
        }
        this.restarting = false;
        this.writeLog(
          `OES host started again (process ${session.pid}); orders, trades and holdings re-synced`,
        );
        this.host.up();
        return true;
      },
      (e, n) => this.writeLog(`OES host restart (try ${n}): ${e.message}`, LogLevel.WARNING),
    );
  }

  /** The initial sync (and the re-sync after a re-login): contracts, cash, holdings, orders and trades. */
  private async sync(session: OesSession, contracts = true): Promise<void> {
    if (contracts) {
      for (const r of await session.query('stock')) {
        const c = parseContract(r, this.gatewayName);
        if (!c) continue;
        this.names.set(c.vtSymbol, c.name);
        this.onContract(c);
      }
    }
    await this.refreshAssets(session);
    const seen = new Set<string>();
    for (const r of await session.query('order')) {
      const o = parseOrder(r, this.gatewayName);
      if (!o) continue;
      seen.add(o.orderid);
      this.tracker?.update(o);
    }
    for (const r of await session.query('trade')) {
      const t = parseTrade(r, this.gatewayName);
      if (t) this.tracker?.trade(t);
    }
    // Asked of the counter after the link came back: an order it does not know never reached it.
    for (const orderid of this.unknown) {
      this.unknown.delete(orderid);
      if (!seen.has(orderid)) {
        this.tracker?.reject(orderid, 'not received by OES: the order channel broke while it was sent');
      }
    }
  }

  private async refreshAssets(session: OesSession): Promise<void> {
    for (const r of await session.query('cash')) {
      const a = parseAccount(r, this.gatewayName);
      if (a) this.onAccount(a);
    }
    for (const r of await session.query('holding')) {
      const p = parseHolding(r, this.gatewayName);
      if (p) this.onPosition(p);
    }
  }

  /**
   * Polls the report and market-data channels: at once after a request or a delivery, every poll_idle_ms
   * otherwise. A channel that is down is not polled; its re-login runs on its own timer.
   */
  private async pollLoop(session: OesSession): Promise<void> {
    while (this.polling && this.host.session === session) {
      let n = 0;
      try {
        if (this.up.trade) {
          const rc = await session.poll(0);
          if (rc >= 0) n += rc;
          else if (rc !== WAIT_TIMED_OUT) this.linkLost('trade', `OesApi_WaitReportMsg returned ${rc}`);
        }
        if (this.up.md && this.host.session === session) {
          const rc = await session.pollMd(0);
          if (rc >= 0) n += rc;
          else if (rc !== WAIT_TIMED_OUT) this.linkLost('md', `MdsApi_WaitOnMsg returned ${rc}`);
        }
      } catch (e) {
        // A hung or failed wait ends the host; hostEnded reports it.
        if (this.host.session === session) this.writeLog(`OES poll: ${(e as Error).message}`, LogLevel.ERROR);
        return;
      }
      if (n > 0 || this.kicked) {
        this.kicked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.idleTimer = setTimeout(resolve, this.idleMs);
      });
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      this.wake = undefined;
    }
  }

  /** A request was sent: its reports are polled at once rather than after the idle spacing. */
  private kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private retryLoop(): RetryLoop {
    return new RetryLoop({ baseMs: this.reconnectMs, maxMs: 30_000, jitter: 0.2 });
  }

  /** One channel's link broke: RECONNECTING (naming it), and its re-login is scheduled. */
  private linkLost(side: Side, why: string): void {
    const session = this.host.session;
    if (!this.up[side] || !session) return;
    this.up[side] = false;
    this.writeLog(`OES ${SIDE_NAME[side]} link lost (${why}); logging in again`, LogLevel.WARNING);
    this.setStatus(GatewayStatus.RECONNECTING, this.links.report(SIDE_NAME[side], false, why));
    // Each side on its own loop: doubling delays with jitter, until it is up or the gateway closes.
    this.retry[side].start(
      async () => {
        if (this.host.session !== session) return false;
        await (side === 'trade' ? this.reloginTrade(session) : this.reloginMd(session));
        if (this.host.session !== session) return false;
        this.up[side] = true;
        this.writeLog(`OES ${SIDE_NAME[side]} link restored`);
        const stillDown = this.links.report(SIDE_NAME[side], true, '');
        this.setStatus(stillDown ? GatewayStatus.RECONNECTING : GatewayStatus.CONNECTED, stillDown);
        this.kick();
        return true;
      },
      (e, n) => {
        if (this.host.session === session)
          this.writeLog(`OES ${SIDE_NAME[side]} login (try ${n}): ${e.message}`, LogLevel.WARNING);
      },
    );
  }

  private async reloginTrade(session: OesSession): Promise<void> {
    const r = await session.relogin({ configFile: this.configFile, lastRptSeqNum: this.lastRptSeqNum });
    // The counter's last clSeqNo, or ours when sends it never received used numbers above it: none reused.
    this.clSeqNo = Math.max(this.clSeqNo, r.lastClSeqNo);
    await this.sync(session, false);
  }

  private async reloginMd(session: OesSession): Promise<void> {
    await session.openMd(this.configFile);
    if (this.wanted.size) await this.sendSubscribe(session, [...this.wanted.keys()]);
  }

  private async sendSubscribe(session: OesSession, codes: string[]): Promise<void> {
    const ok = await session.subscribe({ codes: codes.join(','), mode: 'append', level2: this.level2 });
    if (ok !== 1) throw new Error(`MdsApi_SubscribeByString refused ${codes.join(',')}`);
    this.kick();
  }

  private onReport(e: ReportEvent): void {
    const result = this.handleReport(e);
    if (result === 'malformed') return this.malformed(`report 0x${e.msgId.toString(16)}`);
    // Only a report that reads as one moves the resume point: a damaged one may carry any number.
    if (e.rptSeqNum > this.lastRptSeqNum) this.lastRptSeqNum = e.rptSeqNum;
    if (result === 'trade') this.refreshSoon();
  }

  /** A message whose fields do not read as OES writes them: skipped, logged once per kind. */
  private malformed(kind: string): void {
    if (this.malformedKinds.has(kind)) return;
    this.malformedKinds.add(kind);
    this.writeLog(
      `OES ${kind} with unreadable fields skipped; further ones are not logged`,
      LogLevel.WARNING,
    );
  }

  private readonly malformedKinds = new Set<string>();

  /** Cash and holdings asked again after new trades: once for the trades of one batch. */
  private refreshSoon(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      const session = this.host.session;
      if (!session || !this.up.trade) return;
      this.refreshAssets(session).catch((err: Error) =>
        this.writeLog(`OES asset query after a trade: ${err.message}`, LogLevel.WARNING),
      );
    });
  }

  private refreshQueued = false;

  /** What a report was: a new trade (cash and holdings then need a refresh), read, or unreadable. */
  private handleReport(e: ReportEvent): 'trade' | 'ok' | 'malformed' {
    const ok = (v: unknown): 'ok' | 'malformed' => (v ? 'ok' : 'malformed');
    switch (e.msgId) {
      case OESMSG.RPT_ORDER_INSERT:
      case OESMSG.RPT_ORDER_REPORT: {
        // A cancel request's own confirmation (UpdateGuide 2.5): the cancelled order's report follows.
        if (isCancelRequest(e.body)) return 'ok';
        const o = parseOrder(e.body, this.gatewayName, e.ordRejReason, e.rejText);
        if (o) this.tracker?.update(o);
        return ok(o);
      }
      case OESMSG.RPT_BUSINESS_REJECT: {
        const clSeqNo = Number(e.body.clSeqNo ?? 0);
        if (!Number.isInteger(clSeqNo) || clSeqNo <= 0) return 'malformed';
        const why = rejectText(e.ordRejReason, e.rejText);
        const what = isCancelRequest(e.body)
          ? `cancel ${clSeqNo} of ${String(e.body.origClSeqNo ?? '')}`
          : `order ${clSeqNo}`;
        this.writeLog(`OES refused ${what}: ${why}`, LogLevel.WARNING);
        // By clSeqNo alone: the refusal of one of vnt's orders ends it, whatever else the record holds.
        if (!isCancelRequest(e.body)) this.tracker?.reject(orderidOf(clSeqNo), why);
        return 'ok';
      }
      case OESMSG.RPT_TRADE_REPORT: {
        const t = parseTrade(e.body, this.gatewayName);
        if (!t) return 'malformed';
        const fresh = !!this.tracker?.trade(t);
        this.orderFromTrade(e.body, t.datetime);
        return fresh ? 'trade' : 'ok';
      }
      case OESMSG.RPT_CASH_ASSET_VARIATION: {
        const a = parseAccount(e.body, this.gatewayName);
        if (a) this.onAccount(a);
        return ok(a);
      }
      case OESMSG.RPT_STOCK_HOLDING_VARIATION: {
        const p = parseHolding(e.body, this.gatewayName);
        if (p) this.onPosition(p);
        return ok(p);
      }
      default:
        return 'ok';
    }
  }

  /** The order's status and filled quantity as its trade report carries them (no order report follows). */
  private orderFromTrade(body: OesRecord, datetime: number | undefined): void {
    const state = orderStateOfTrade(body);
    const known = state && this.tracker?.get(state.orderid);
    if (!state || !known || state.status === Status.SUBMITTING || state.traded > known.volume) return;
    this.tracker?.update({
      ...known,
      traded: state.traded,
      status: state.status,
      statusMsg: '',
      datetime: datetime ?? known.datetime,
    });
  }

  private onSnapshot(e: SnapshotEvent): void {
    if (e.msgId === MDSMSG.L2_TRADE) return this.onL2Trade(e);
    const tick = parseSnapshot(e.body, this.gatewayName);
    if (!tick) return this.malformed(`MDS snapshot 0x${e.msgId.toString(16)}`);
    tick.name = this.names.get(tick.vtSymbol) ?? '';
    this.lastTicks.set(tick.vtSymbol, tick);
    this.onTick(tick);
  }

  /** The last tick of each symbol: a tick-by-tick trade is pushed as that tick moved by the trade. */
  private readonly lastTicks = new Map<string, TickData>();
  /** The last ApplSeqNum of each tick-by-tick channel, for telling a gap. */
  private readonly tradeSeq = new Map<string, number>();

  /**
   * A Level-2 tick-by-tick trade: the symbol's last tick with this trade's price and quantity as last, added
   * to volume and turnover, until the next snapshot (which is the exchange's own total) replaces it. A gap in
   * the channel's ApplSeqNum is logged: MDS's TCP channel does not replay what it missed.
   */
  private onL2Trade(e: SnapshotEvent): void {
    const t = parseL2Trade(e.body);
    if (!t) {
      // A cancel (SZSE, ExecType 4) is no trade; anything else that does not read is damaged.
      if (String(e.body.ExecType ?? '') !== '4') this.malformed('MDS tick-by-tick trade 0x16');
      return;
    }
    const before = this.tradeSeq.get(t.channel);
    if (before !== undefined && t.seq !== before + 1 && t.seq > before) {
      this.writeLog(
        `MDS tick-by-tick channel ${t.channel}: ApplSeqNum ${before + 1}..${t.seq - 1} missing`,
        LogLevel.WARNING,
      );
    }
    if (before === undefined || t.seq > before) this.tradeSeq.set(t.channel, t.seq);
    else return; // a repeat of one already applied
    const last = this.lastTicks.get(t.vtSymbol);
    if (!last) return; // no snapshot yet to move: the first snapshot gives the totals
    const tick: TickData = {
      ...last,
      lastPrice: t.price,
      lastVolume: t.volume,
      volume: last.volume + t.volume,
      turnover: last.turnover + t.turnover,
      datetime: t.datetime,
      localtime: Date.now(),
    };
    this.lastTicks.set(t.vtSymbol, tick);
    this.onTick(tick);
  }

  subscribe(req: SubscribeRequest): void {
    const code = mdsCode(req.symbol, req.exchange);
    if (!code) {
      this.writeLog(`cannot subscribe ${req.symbol}: ${req.exchange} is not served by MDS`, LogLevel.WARNING);
      return;
    }
    if (!this.tracker) {
      this.writeLog(`cannot subscribe ${req.symbol}: ${this.gatewayName} is not connected`, LogLevel.WARNING);
      return;
    }
    if (this.wanted.has(code)) return;
    this.wanted.set(code, req.symbol);
    // While the market-data side (or the host) is down the subscription is sent with the others after it.
    const session = this.host.session;
    if (!this.up.md || !session) return;
    this.sendSubscribe(session, [code]).catch((e: Error) =>
      this.writeLog(`OES subscribe ${code}: ${e.message}`, LogLevel.WARNING),
    );
  }

  sendOrder(req: OrderRequest): string {
    const session = this.host.session;
    const tracker = this.tracker;
    if (!tracker) throw new Error(`${this.gatewayName} is not connected`);
    this.clSeqNo += 1;
    const clSeqNo = this.clSeqNo;
    const orderid = orderidOf(clSeqNo);
    tracker.add(orderFromRequest(req, orderid, this.gatewayName));
    const reject = (why: string) => {
      this.writeLog(`OES order ${orderid} not sent: ${why}`, LogLevel.WARNING);
      tracker.reject(orderid, why);
    };
    const mktId = MKT_OF_EXCHANGE[req.exchange];
    const ordType = ordTypeOf(req.type, req.exchange);
    const bsType = BS_TYPE[req.direction];
    if (!mktId) reject(`exchange ${req.exchange} is not traded through OES (SSE, SZSE)`);
    else if (ordType === null) reject(`order type ${req.type} is not offered by OES (LIMIT, MARKET)`);
    else if (!bsType) reject(`direction ${req.direction} is not supported by OES`);
    else if (!Number.isInteger(req.volume)) reject(`volume ${req.volume} is not a whole number of shares`);
    else if (!session) reject('the OES host process is being started again; try again after it');
    else if (!this.up.trade) reject('the OES order channel is down (logging in again); try again after it');
    else {
      session
        .order({
          clSeqNo,
          mktId,
          ordType,
          bsType,
          securityId: req.symbol,
          ordQty: req.volume,
          ordPrice: req.type === OrderType.MARKET ? 0 : Math.round(req.price * 10000),
        })
        .then(
          (code) => {
            if (code >= 0) return this.kick();
            // The send failed on the wire: the counter may or may not have it. Its clSeqNo is asked for
            // at the re-sync after the re-login, never sent again.
            this.unknown.add(orderid);
            this.writeLog(`OES order ${orderid}: OesApi_SendOrderReq returned ${code}`, LogLevel.WARNING);
            this.linkLost('trade', `OesApi_SendOrderReq returned ${code}`);
          },
          (e: Error) => reject(e.message),
        );
    }
    return `${this.gatewayName}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    const session = this.host.session;
    const origClSeqNo = Number(req.orderid);
    const mktId = MKT_OF_EXCHANGE[req.exchange];
    if (!session || !this.up.trade) {
      this.writeLog(`cannot cancel ${req.orderid}: the OES order channel is not connected`, LogLevel.WARNING);
      return;
    }
    if (!Number.isInteger(origClSeqNo) || origClSeqNo <= 0 || !mktId) {
      this.writeLog(`cannot cancel ${req.orderid}: not an OES order id on SSE or SZSE`, LogLevel.WARNING);
      return;
    }
    this.clSeqNo += 1;
    session.cancel({ clSeqNo: this.clSeqNo, mktId, securityId: req.symbol, origClSeqNo }).then(
      (code) => {
        if (code >= 0) return this.kick();
        this.writeLog(`OES cancel of ${req.orderid} not sent (code ${code})`, LogLevel.WARNING);
        this.linkLost('trade', `OesApi_SendOrderCancelReq returned ${code}`);
      },
      (e: Error) => this.writeLog(`OES cancel of ${req.orderid} not sent: ${e.message}`, LogLevel.WARNING),
    );
  }

  override queryAccount(): void {
    const session = this.host.session;
    if (session && this.up.trade) void this.refreshAssets(session).catch(() => undefined);
  }

  override queryPosition(): void {
    this.queryAccount();
  }

  /** The session's clients stop (before it closes): polling and both re-login loops; links are down. */
  private stopPolling(): void {
    this.polling = false;
    for (const side of ['trade', 'md'] as const) {
      this.retry[side].cancel();
      this.up[side] = false;
    }
    this.links.clear();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.wake?.();
  }

  async close(): Promise<void> {
    // Nothing to restart any more: the tracker is what a restart reconciles into.
    this.tracker = undefined;
    this.hostRetry.cancel();
    this.restarting = false;
    await this.host.close();
    this.wanted.clear();
    this.unknown.clear();
    this.lastTicks.clear();
    this.tradeSeq.clear();
  }
}
