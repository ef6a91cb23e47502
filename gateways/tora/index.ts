// TORA (华鑫奇点) stock gateway: SSE and SZSE stocks, funds and bonds through Huaxin's TORA trader API and
// its Level-1 market data API (XMd). The vendor libraries are the user's own (paths in the setting); they run
// in a native host process (bindings/native/host) through the koffi binding in bindings/tora, whose release
// tables decide how to call them. Every vendor call is bounded: a library that hangs or crashes ends its
// host, not the console, and the gateway says what the library did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Exchange, GatewayStatus, LogLevel, OrderType } from '../../src/core/constant.js';
import { BaseGateway, type GatewayCapabilities } from '../../src/core/gateway.js';
import type { CancelRequest, OrderRequest, SubscribeRequest } from '../../src/core/object.js';
import type { GatewaySetting, SettingSchema } from '../../src/core/setting-schema.js';
import type { HostExit } from '../../bindings/native/host/host.js';
import type { HostLogLevel } from '../../bindings/native/host/protocol.js';
import type { RspInfo, SpiEvent } from '../../bindings/tora/protocol.js';
import { DEFAULT_LIMITS, ToraSession } from '../../bindings/tora/session.js';
import { SUPPORTED_MD_VERSIONS, SUPPORTED_VERSIONS } from '../../bindings/tora/versions.js';
import { ToraMdClient } from './md.js';
import { errorText, TORA_EXCHANGES } from './parse.js';
import type { GatewayPushes } from './pushes.js';
import { ToraTdClient } from './td.js';

const LEVELS: Record<HostLogLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warning: LogLevel.WARNING,
  error: LogLevel.ERROR,
};

/** TORA_TSTP_LACT_* codes by the names the form offers. */
const ACCOUNT_TYPES: Record<string, string> = { user_id: '0', fund_account: '1' };

export class ToraGateway extends BaseGateway {
  static override readonly defaultName = 'TORA';
  static override readonly defaultSetting: SettingSchema = {
    account: { type: 'string', default: '', label: '账号 (account)' },
    password: { type: 'secret', default: '', label: '密码 (password)' },
    td_address: { type: 'string', default: '', label: '交易服务器 (trade server)', help: 'tcp://host:port' },
    md_address: {
      type: 'string',
      default: '',
      label: '行情服务器 (quote server)',
      help: 'tcp://host:port (Level-1 XMd front)',
    },
    account_type: {
      type: 'choice',
      choices: Object.keys(ACCOUNT_TYPES),
      default: 'user_id',
      label: '账号类型 (login account type)',
    },
    department_id: {
      type: 'string',
      default: '',
      label: '营业部代码 (department id)',
      help: 'if your broker needs it',
    },
    product_info: { type: 'string', default: '', label: '产品标识 (product info)' },
    dynamic_password: { type: 'secret', default: '', label: '动态密钥 (dynamic password)' },
    terminal_info: {
      type: 'string',
      default: '',
      label: '终端信息 (terminal info)',
      help: 'the collected terminal info string your broker registered, if any',
    },
    td_library: {
      type: 'string',
      default: '',
      label: 'trader library',
      help: `path to your SDK's libtraderapi.so (TORA ${SUPPORTED_VERSIONS.join(', ')})`,
    },
    md_library: {
      type: 'string',
      default: '',
      label: 'market data library',
      help: `path to libxmdapi.so (XMd ${SUPPORTED_MD_VERSIONS.join(', ')})`,
    },
    flow_dir: {
      type: 'string',
      default: '',
      label: 'flow file folder',
      help: 'empty: a folder under the temp dir',
    },
    query_interval_ms: { type: 'integer', default: 200, min: 0, max: 60_000, label: 'query spacing (ms)' },
    connect_timeout_s: {
      type: 'integer',
      default: 60,
      min: 1,
      max: 3600,
      label: 'connect limit (s)',
      help: 'login and first sync must complete within this',
    },
    call_timeout_s: {
      type: 'integer',
      default: DEFAULT_LIMITS.callTimeoutMs / 1000,
      min: 1,
      max: 600,
      label: 'vendor call limit (s)',
      help: 'a library call (Init, a request, Release) that takes longer ends the session',
    },
  };
  static override readonly exchanges: readonly Exchange[] = TORA_EXCHANGES;
  static override readonly capabilities: GatewayCapabilities = {
    orderTypes: [OrderType.LIMIT, OrderType.MARKET],
    history: false,
    offsets: false,
  };

  private session: ToraSession | undefined;
  private td: ToraTdClient | undefined;
  private md: ToraMdClient | undefined;
  private pendingConnect:
    { resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  private everConnected = false;

  async connect(setting: GatewaySetting): Promise<void> {
    if (this.session) throw new Error(`${this.gatewayName} is already connected; close it first`);
    const s = (k: string) => String(setting[k] ?? '').trim();
    for (const key of ['account', 'td_address', 'md_address', 'td_library', 'md_library']) {
      if (!s(key)) throw new Error(`TORA setting "${key}" is empty`);
    }
    for (const key of ['td_library', 'md_library']) {
      if (!fs.existsSync(s(key))) throw new Error(`TORA setting "${key}": no file at ${s(key)}`);
    }
    const accountType = ACCOUNT_TYPES[s('account_type') || 'user_id'];
    if (!accountType)
      throw new Error(`TORA setting "account_type" must be one of ${Object.keys(ACCOUNT_TYPES).join(', ')}`);
    const front = (a: string) => (/^(tcp|udp):\/\//.test(a) ? a : `tcp://${a}`);
    const flowDir = s('flow_dir') || fs.mkdtempSync(path.join(os.tmpdir(), `vnt-tora-${this.gatewayName}-`));
    const connectLimitMs = Number(setting.connect_timeout_s ?? 60) * 1000;
    const callTimeoutMs = Number(setting.call_timeout_s ?? DEFAULT_LIMITS.callTimeoutMs / 1000) * 1000;

    this.setStatus(GatewayStatus.CONNECTING);
    const session = new ToraSession(
      {
        onEvents: (events) => this.dispatch(events),
        onLog: (level, msg) => this.writeLog(msg, LEVELS[level]),
        onEnded: (exit) => this.hostEnded(session, exit),
      },
      { callTimeoutMs, exitGraceMs: DEFAULT_LIMITS.exitGraceMs },
    );
    this.session = session;
    const pushes = this.pushes();
    const password = String(setting.password ?? '');
    this.td = new ToraTdClient(
      session,
      {
        account: s('account'),
        password,
        accountType,
        departmentId: s('department_id'),
        productInfo: s('product_info'),
        terminalInfo: s('terminal_info'),
        dynamicPassword: String(setting.dynamic_password ?? ''),
        queryIntervalMs: Number(setting.query_interval_ms ?? 200),
      },
      pushes,
    );
    this.md = new ToraMdClient(
      session,
      { account: s('account'), password, accountType },
      this.td.contracts,
      pushes,
    );
    const synced = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.failConnect(
            `no complete login and sync from the TORA fronts within ${connectLimitMs / 1000} s`,
          ),
        connectLimitMs,
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
      this.writeLog(
        `TORA trader API ${opened.versionText} loaded (binding for ${opened.version}); XMd API ` +
          `${opened.mdVersionText} (binding for ${opened.mdVersion}); host process ${session.pid}`,
      );
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

  /** The host process ended while the session was open: a vendor call hung (and was killed) or it crashed. */
  private hostEnded(session: ToraSession, exit: HostExit): void {
    if (this.session !== session) return;
    const last = exit.output.length
      ? `; the library's last output: ${exit.output.slice(-5).join(' | ')}`
      : '';
    const reason = `the TORA session ended: ${exit.description}`;
    this.writeLog(reason + last, LogLevel.ERROR);
    if (this.pendingConnect) return this.failConnect(reason);
    void this.shutdown().then(() => {
      this.everConnected = false;
      this.setStatus(GatewayStatus.DISCONNECTED, reason);
    });
  }

  private dispatch(events: SpiEvent[]): void {
    for (const e of events) {
      try {
        if (e.api === 'td') this.td?.handle(e);
        else this.md?.handle(e);
      } catch (err) {
        this.writeLog(`error handling TORA ${e.name}: ${(err as Error).message}`, LogLevel.ERROR);
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
    this.md.subscribe(req.symbol, req.exchange);
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
      const exit = await session.close();
      if (exit && (exit.killedBecause || exit.signal || exit.code)) {
        this.writeLog(`closing the TORA session: ${exit.description}`, LogLevel.WARNING);
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
