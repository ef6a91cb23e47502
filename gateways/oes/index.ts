// OES (宽睿 OES) stock gateway: SSE and SZSE stocks, funds and bonds through Quant360's OES C API. The
// library is the user's own (path in the setting); it runs in a native host process (bindings/native/host)
// through the binding in bindings/oes, so a call that hangs or crashes ends the host, not the console. The
// SDK reads its servers and login from a config file, which this gateway writes (0600) into the trader dir.
// Reports arrive by polling OesApi_WaitReportMsg in the host; each poll is bounded by the session's limits.
import fs from 'node:fs';
import path from 'node:path';
import { Exchange, GatewayStatus, LogLevel, OrderType } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import {
  orderFromRequest,
  type CancelRequest,
  type OrderRequest,
  type SubscribeRequest,
} from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import { resolveTraderDir } from '../../src/core/settings.js';
import type { HostExit } from '../../bindings/native/host/host.js';
import type { HostLogLevel } from '../../bindings/native/host/protocol.js';
import { OESMSG } from '../../bindings/oes/library.js';
import type { ReportEvent } from '../../bindings/oes/protocol.js';
import { DEFAULT_LIMITS, OesSession } from '../../bindings/oes/session.js';
import { OrderTracker } from '../common/order-tracker.js';
import { writeSdkConfig } from './config.js';
import {
  BS_TYPE,
  MKT_OF_EXCHANGE,
  ordTypeOf,
  orderidOf,
  parseAccount,
  parseContract,
  parseHolding,
  parseOrder,
  parseTrade,
} from './parse.js';

const LEVELS: Record<HostLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warning: LogLevel.WARNING,
  error: LogLevel.ERROR,
};

export class OesGateway extends BaseGateway {
  static override readonly defaultName = 'OES';
  static override readonly defaultSetting: SettingSchema = {
    username: { type: 'string', default: '', label: '用户名 (username)' },
    password: { type: 'secret', default: '', label: '密码 (password)' },
    hdd_serial: { type: 'string', default: '', label: '硬盘序列号 (hard-disk serial)' },
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

  private session: OesSession | undefined;
  private tracker: OrderTracker | undefined;
  private clSeqNo = 0;
  private polling = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private idleMs = 50;
  private kicked = false;
  private wake: (() => void) | undefined;

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    for (const key of ['username', 'td_ord_server', 'td_rpt_server', 'td_qry_server', 'library']) {
      if (!s(key)) throw new Error(`OES setting "${key}" is empty`);
    }
    if (!fs.existsSync(s('library'))) throw new Error(`OES setting "library": no file at ${s('library')}`);
    const dir = s('config_dir') || path.join(resolveTraderDir(), 'oes');
    // Throws naming the field (never the value) when a value could inject another config key.
    const configFile = writeSdkConfig(dir, {
      username: s('username'),
      password: String(setting.password ?? ''),
      ordServer: s('td_ord_server'),
      rptServer: s('td_rpt_server'),
      qryServer: s('td_qry_server'),
      mdTcpServer: s('md_tcp_server') || s('td_qry_server'),
      mdQryServer: s('md_qry_server') || s('td_qry_server'),
    });
    this.idleMs = Number(setting.poll_idle_ms ?? 50);
    const callTimeoutMs = Number(setting.call_timeout_s ?? DEFAULT_LIMITS.callTimeoutMs / 1000) * 1000;

    this.setStatus(GatewayStatus.CONNECTING);
    const session = new OesSession(
      {
        onReports: (events) => this.onReports(events),
        onLog: (level, msg) => this.writeLog(msg, LEVELS[level]),
        onEnded: (exit) => this.hostEnded(session, exit),
      },
      { callTimeoutMs, exitGraceMs: DEFAULT_LIMITS.exitGraceMs },
    );
    this.session = session;
    this.tracker = new OrderTracker({ order: (o) => this.onOrder(o), trade: (t) => this.onTrade(t) });
    try {
      const opened = await session.open({ library: path.resolve(s('library')), configFile });
      this.clSeqNo = opened.lastClSeqNo;
      this.writeLog(`OES API ${opened.versionText} loaded; host process ${session.pid}`);
      await this.sync(session);
    } catch (e) {
      const reason = `OES connect failed: ${(e as Error).message}`;
      await this.shutdown();
      this.setStatus(GatewayStatus.DISCONNECTED, reason);
      throw new Error(reason);
    }
    this.setStatus(GatewayStatus.CONNECTED);
    this.polling = true;
    void this.pollLoop(session);
    // After the event engine's dispatch of the sync and CONNECTED (queued with setImmediate).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** The initial sync (and a re-sync): contracts, cash, holdings, today's orders and trades. */
  private async sync(session: OesSession): Promise<void> {
    for (const r of await session.query('stock')) {
      const c = parseContract(r, this.gatewayName);
      if (c) this.onContract(c);
    }
    await this.refreshAssets(session);
    for (const r of await session.query('order')) {
      const o = parseOrder(r, this.gatewayName);
      if (o) this.tracker?.update(o);
    }
    for (const r of await session.query('trade')) {
      const t = parseTrade(r, this.gatewayName);
      if (t) this.tracker?.trade(t);
    }
  }

  private async refreshAssets(session: OesSession): Promise<void> {
    for (const r of await session.query('cash')) this.onAccount(parseAccount(r, this.gatewayName));
    for (const r of await session.query('holding')) {
      const p = parseHolding(r, this.gatewayName);
      if (p) this.onPosition(p);
    }
  }

  /** Polls the report channel: at once after a request, every poll_idle_ms otherwise. */
  private async pollLoop(session: OesSession): Promise<void> {
    while (this.polling && this.session === session) {
      let n = 0;
      try {
        n = await session.poll(0);
      } catch (e) {
        // A hung or failed WaitReportMsg ends the host; hostEnded reports it.
        if (this.session === session)
          this.writeLog(`OES report poll: ${(e as Error).message}`, LogLevel.ERROR);
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

  private onReports(events: ReportEvent[]): void {
    let traded = false;
    for (const e of events) {
      try {
        traded = this.onReport(e) || traded;
      } catch (err) {
        this.writeLog(`error handling OES report ${e.msgId}: ${(err as Error).message}`, LogLevel.ERROR);
      }
    }
    if (traded && this.session) {
      const session = this.session;
      this.refreshAssets(session).catch((err: Error) =>
        this.writeLog(`OES asset query after a trade: ${err.message}`, LogLevel.WARNING),
      );
    }
  }

  /** Returns whether the report was a new trade (cash and holdings then need a refresh). */
  private onReport(e: ReportEvent): boolean {
    switch (e.msgId) {
      case OESMSG.RPT_ORDER_INSERT:
      case OESMSG.RPT_ORDER_REPORT: {
        const o = parseOrder(e.body, this.gatewayName, e.ordRejReason);
        if (o) this.tracker?.update(o);
        return false;
      }
      case OESMSG.RPT_BUSINESS_REJECT: {
        const o = parseOrder(e.body, this.gatewayName, e.ordRejReason);
        const known = o && this.tracker?.get(o.orderid);
        this.writeLog(
          `OES refused request ${String(e.body.clSeqNo ?? '')}: reject reason ${e.ordRejReason}`,
          LogLevel.WARNING,
        );
        if (o && known) this.tracker?.update(o);
        return false;
      }
      case OESMSG.RPT_TRADE_REPORT: {
        const t = parseTrade(e.body, this.gatewayName);
        return !!t && !!this.tracker?.trade(t);
      }
      case OESMSG.RPT_CASH_ASSET_VARIATION:
        this.onAccount(parseAccount(e.body, this.gatewayName));
        return false;
      case OESMSG.RPT_STOCK_HOLDING_VARIATION: {
        const p = parseHolding(e.body, this.gatewayName);
        if (p) this.onPosition(p);
        return false;
      }
      default:
        return false;
    }
  }

  private hostEnded(session: OesSession, exit: HostExit): void {
    if (this.session !== session) return;
    const last = exit.output.length
      ? `; the library's last output: ${exit.output.slice(-5).join(' | ')}`
      : '';
    const reason = `the OES session ended: ${exit.description}`;
    this.writeLog(reason + last, LogLevel.ERROR);
    void this.shutdown().then(() => this.setStatus(GatewayStatus.DISCONNECTED, reason));
  }

  subscribe(req: SubscribeRequest): void {
    this.writeLog(
      `cannot subscribe ${req.symbol}: OES market data (MDS) is not bound in this version of vnt`,
      LogLevel.WARNING,
    );
  }

  sendOrder(req: OrderRequest): string {
    const session = this.session;
    const tracker = this.tracker;
    if (!session || !tracker) throw new Error(`${this.gatewayName} is not connected`);
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
          (code) => (code !== 0 ? reject(`OesApi_SendOrderReq returned ${code}`) : this.kick()),
          (e: Error) => reject(e.message),
        );
    }
    return `${this.gatewayName}.${orderid}`;
  }

  cancelOrder(req: CancelRequest): void {
    const session = this.session;
    const origClSeqNo = Number(req.orderid);
    const mktId = MKT_OF_EXCHANGE[req.exchange];
    if (!session) {
      this.writeLog(`cannot cancel ${req.orderid}: ${this.gatewayName} is not connected`, LogLevel.WARNING);
      return;
    }
    if (!Number.isInteger(origClSeqNo) || origClSeqNo <= 0 || !mktId) {
      this.writeLog(`cannot cancel ${req.orderid}: not an OES order id on SSE or SZSE`, LogLevel.WARNING);
      return;
    }
    this.clSeqNo += 1;
    session.cancel({ clSeqNo: this.clSeqNo, mktId, securityId: req.symbol, origClSeqNo }).then(
      (code) =>
        code !== 0
          ? this.writeLog(`OES cancel of ${req.orderid} not sent (code ${code})`, LogLevel.WARNING)
          : this.kick(),
      (e: Error) => this.writeLog(`OES cancel of ${req.orderid} not sent: ${e.message}`, LogLevel.WARNING),
    );
  }

  override queryAccount(): void {
    if (this.session) void this.refreshAssets(this.session).catch(() => undefined);
  }

  override queryPosition(): void {
    this.queryAccount();
  }

  private async shutdown(): Promise<void> {
    this.polling = false;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.wake?.();
    const session = this.session;
    this.session = undefined;
    if (session) {
      const exit = await session.close();
      if (exit && (exit.killedBecause || exit.signal || exit.code)) {
        this.writeLog(`closing the OES session: ${exit.description}`, LogLevel.WARNING);
      }
    }
  }

  async close(): Promise<void> {
    await this.shutdown();
    this.setStatus(GatewayStatus.DISCONNECTED);
  }
}
