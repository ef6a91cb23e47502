// CTP (SFIT) futures gateway. The vendor libraries are the user's own (paths in the setting); they run in a
// worker thread through the koffi binding in bindings/ctp, whose version tables decide how to call them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Exchange, GatewayStatus, LogLevel, OrderType } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import type { CancelRequest, OrderRequest, SubscribeRequest } from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import type { RspInfo, SpiEvent } from '../../bindings/ctp/protocol.js';
import { CtpSession } from '../../bindings/ctp/session.js';
import { SUPPORTED_VERSIONS } from '../../bindings/ctp/versions.js';
import { CtpMdClient } from './md.js';
import { CTP_EXCHANGES, errorText } from './parse.js';
import type { GatewayPushes } from './pushes.js';
import { CtpTdClient } from './td.js';

/** How long connect() waits for the first full sync before giving up. */
const CONNECT_LIMIT_MS = 60_000;

export class CtpGateway extends BaseGateway {
  static override readonly defaultName = 'CTP';
  static override readonly defaultSetting: SettingSchema = {
    username: { type: 'string', default: '', label: '用户名 (user id)' },
    password: { type: 'secret', default: '', label: '密码 (password)' },
    brokerid: { type: 'string', default: '', label: '经纪商代码 (broker id)' },
    td_address: { type: 'string', default: '', label: '交易服务器 (trading front)', help: 'tcp://host:port' },
    md_address: {
      type: 'string',
      default: '',
      label: '行情服务器 (market data front)',
      help: 'tcp://host:port',
    },
    product_info: { type: 'string', default: '', label: '产品名称 (app id)' },
    auth_code: { type: 'secret', default: '', label: '授权编码 (auth code)' },
    td_library: {
      type: 'string',
      default: '',
      label: 'trader library',
      help: `path to your SDK's thosttraderapi_se.so (CTP ${SUPPORTED_VERSIONS.join(', ')})`,
    },
    md_library: {
      type: 'string',
      default: '',
      label: 'market data library',
      help: 'path to thostmduserapi_se.so',
    },
    flow_dir: {
      type: 'string',
      default: '',
      label: 'flow file folder',
      help: 'empty: a folder under the temp dir',
    },
    query_interval_ms: { type: 'integer', default: 1000, min: 0, max: 60_000, label: 'query spacing (ms)' },
  };
  static override readonly exchanges: readonly Exchange[] = CTP_EXCHANGES;
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET, OrderType.FAK, OrderType.FOK],
    history: false,
    offsets: true,
  };

  private session: CtpSession | undefined;
  private td: CtpTdClient | undefined;
  private md: CtpMdClient | undefined;
  private pendingConnect:
    { resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  private everConnected = false;

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    for (const key of ['username', 'brokerid', 'td_address', 'md_address', 'td_library', 'md_library']) {
      if (!s(key)) throw new Error(`CTP setting "${key}" is empty`);
    }
    for (const key of ['td_library', 'md_library']) {
      if (!fs.existsSync(s(key))) throw new Error(`CTP setting "${key}": no file at ${s(key)}`);
    }
    const front = (a: string) => (/^(tcp|ssl|socks\d?):\/\//.test(a) ? a : `tcp://${a}`);
    const flowDir = s('flow_dir') || fs.mkdtempSync(path.join(os.tmpdir(), `vnt-ctp-${this.gatewayName}-`));

    this.setStatus(GatewayStatus.CONNECTING);
    const session = new CtpSession(
      (events) => this.dispatch(events),
      (msg) => this.writeLog(msg, LogLevel.ERROR),
    );
    this.session = session;
    const pushes = this.pushes();
    this.td = new CtpTdClient(
      session,
      {
        userid: s('username'),
        password: String(setting.password ?? ''),
        brokerid: s('brokerid'),
        appid: s('product_info'),
        authCode: String(setting.auth_code ?? ''),
        queryIntervalMs: Number(setting.query_interval_ms ?? 1000),
      },
      pushes,
    );
    this.md = new CtpMdClient(
      session,
      { userid: s('username'), password: String(setting.password ?? ''), brokerid: s('brokerid') },
      this.td.contracts,
      pushes,
    );
    const synced = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.failConnect(
            `no complete login and sync from the CTP fronts within ${CONNECT_LIMIT_MS / 1000} s`,
          ),
        CONNECT_LIMIT_MS,
      );
      this.pendingConnect = { resolve, reject, timer };
    });
    try {
      const opened = await session.open({
        traderLibrary: path.resolve(s('td_library')),
        mdLibrary: path.resolve(s('md_library')),
        flowDir,
        tdFront: front(s('td_address')),
        mdFront: front(s('md_address')),
      });
      this.writeLog(`CTP API ${opened.versionText} loaded (binding for ${opened.version})`);
    } catch (e) {
      this.failConnect((e as Error).message);
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
      failed: (step, info) => this.loginStepFailed(step, info),
      linkChanged: () => this.linkChanged(),
    };
  }

  private dispatch(events: SpiEvent[]): void {
    for (const e of events) {
      try {
        if (e.api === 'td') this.td?.handle(e);
        else this.md?.handle(e);
      } catch (err) {
        this.writeLog(`error handling CTP ${e.name}: ${(err as Error).message}`, LogLevel.ERROR);
      }
    }
  }

  private loginStepFailed(step: string, info: RspInfo): void {
    const reason = `${step}: ${errorText(info)}`;
    this.writeLog(reason, LogLevel.ERROR);
    if (this.pendingConnect) this.failConnect(reason);
  }

  private failConnect(reason: string): void {
    const pending = this.pendingConnect;
    this.pendingConnect = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    void this.shutdown().then(() => {
      this.setStatus(GatewayStatus.DISCONNECTED, reason);
      pending.reject(new Error(reason));
    });
  }

  private linkChanged(): void {
    const up = !!this.td?.loggedIn && !!this.td.synced && !!this.md?.loggedIn;
    if (up) {
      this.everConnected = true;
      this.setStatus(GatewayStatus.CONNECTED);
      const pending = this.pendingConnect;
      this.pendingConnect = undefined;
      if (pending) {
        clearTimeout(pending.timer);
        // After the event engine's dispatch of CONNECTED (also queued with setImmediate).
        setImmediate(pending.resolve);
      }
    } else if (this.everConnected && this.session) {
      this.setStatus(GatewayStatus.RECONNECTING);
    }
  }

  subscribe(req: SubscribeRequest): void {
    if (!this.md) {
      this.writeLog(`cannot subscribe ${req.symbol}: ${this.gatewayName} is not connected`, LogLevel.WARNING);
      return;
    }
    this.md.subscribe(req.symbol);
  }

  sendOrder(req: OrderRequest): string {
    if (!this.td) throw new Error(`${this.gatewayName} is not connected`);
    return this.td.sendOrder(req);
  }

  cancelOrder(req: CancelRequest): void {
    if (!this.td) {
      this.writeLog(`cannot cancel ${req.orderid}: ${this.gatewayName} is not connected`, LogLevel.WARNING);
      return;
    }
    this.td.cancelOrder(req);
  }

  override queryAccount(): void {
    this.td?.queryAccount();
  }

  override queryPosition(): void {
    this.td?.queryPosition();
  }

  private async shutdown(): Promise<void> {
    this.td?.close();
    this.md?.close();
    const session = this.session;
    this.session = undefined;
    this.td = undefined;
    this.md = undefined;
    if (session) {
      try {
        await session.close();
      } catch (e) {
        this.writeLog(`closing the CTP session: ${(e as Error).message}`, LogLevel.WARNING);
      }
    }
  }

  async close(): Promise<void> {
    this.failConnect('closed before the connection completed');
    await this.shutdown();
    this.everConnected = false;
    this.setStatus(GatewayStatus.DISCONNECTED);
  }
}
